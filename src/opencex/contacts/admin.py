from django.contrib import admin

from opencex.contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["at", "channel", "outcome", "officer", "resident"]
    list_filter = ["channel", "outcome"]
    raw_id_fields = ["resident", "property", "officer", "service", "case"]
    date_hierarchy = "at"
