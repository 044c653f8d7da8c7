"""Surveys in the admin: to look things up. Surveys are started and invited by the services
(`opencex start_survey`, `opencex invite_panel_sample`), so that the council's limit holds."""

from django.contrib import admin

from opencex.surveys.models import Invitation, Response, Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "status", "opens_on", "closes_on", "is_anonymous"]
    list_filter = ["status", "audience"]
    readonly_fields = ["form", "measures_tsm", "created_by", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["survey", "channel", "sent_at", "reminded_at", "answered_at"]
    list_filter = ["survey", "channel"]
    exclude = ["token", "answers", "pages_done"]
    raw_id_fields = ["resident", "membership", "case"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "language", "submitted_at"]
    list_filter = ["survey", "language"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
