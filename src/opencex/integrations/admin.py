"""Administrators route services to back offices and see each case's record (/staff/admin/)."""

from __future__ import annotations

from django.contrib import admin

from opencex.integrations.models import BackOfficeRecord, BackOfficeRoute


@admin.register(BackOfficeRoute)
class BackOfficeRouteAdmin(admin.ModelAdmin):
    list_display = ["service", "system", "is_active"]
    list_filter = ["system", "is_active"]


@admin.register(BackOfficeRecord)
class BackOfficeRecordAdmin(admin.ModelAdmin):
    list_display = ["record_id", "system", "case", "back_office_status", "last_refusal"]
    list_filter = ["system"]
    search_fields = ["record_id", "case__reference"]
    readonly_fields = [f.name for f in BackOfficeRecord._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
