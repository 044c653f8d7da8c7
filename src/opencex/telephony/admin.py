"""The telephony lines in the admin (their answer targets are set here); intervals and imports
are read-only records that change only by import."""

from django.contrib import admin

from opencex.telephony.models import CallImport, TelephonyLine


@admin.register(TelephonyLine)
class TelephonyLineAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "is_vulnerable_residents_line", "answer_target_seconds"]
    fields = ["name", "number", "is_vulnerable_residents_line", "answer_target_seconds"]
    readonly_fields = ["name", "number", "is_vulnerable_residents_line"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CallImport)
class CallImportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "file_name", "rows_read", "rows_stored", "rows_refused"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
