from django.contrib import admin

from opencex.contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["at", "channel", "phone_line", "outcome", "officer", "resident"]
    list_filter = ["channel", "is_vulnerable_line", "outcome"]
    raw_id_fields = ["resident", "property", "officer", "service", "case", "signposted_service"]
    date_hierarchy = "at"
