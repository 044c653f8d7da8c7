"""The disclosure log in the Django admin: to look, not to change; changes go through the staff
pages, which check the policy and keep the audit trail."""

from __future__ import annotations

from django.contrib import admin

from opencex.disclosure.models import DisclosureEntry, DisclosureEvent, DisclosureFile


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class FileInline(ReadOnlyInline):
    model = DisclosureFile
    fields = ["name", "content_type", "size"]


class EventInline(ReadOnlyInline):
    model = DisclosureEvent
    fields = ["at", "kind", "actor", "details"]


@admin.register(DisclosureEntry)
class DisclosureEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "decision", "released_on", "service_area", "published_at"]
    list_filter = ["status", "decision", "service_area"]
    search_fields = ["title", "request_text", "response_text"]
    inlines = [FileInline, EventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
