"""Complaint responses in the admin, to look at only: responses are sent from the staff
complaint page, which checks the rules and writes the timeline."""

from __future__ import annotations

from django.contrib import admin

from opencex.complaints.models import StageResponse


@admin.register(StageResponse)
class StageResponseAdmin(admin.ModelAdmin):
    list_display = ["complaint", "stage", "outcome", "responded_on", "lesson_service_area"]
    list_filter = ["stage", "outcome", "lesson_service_area"]
    search_fields = ["complaint__case__reference", "lesson_learned"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
