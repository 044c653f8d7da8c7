"""Surveys in the admin: to look things up. Surveys are started and invited by the services
(`opencex start_survey`, `opencex invite_panel_sample`), so that the council's limit holds."""

from django.contrib import admin

from opencex.surveys.models import Invitation, Response, Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "status", "opens_on", "closes_on", "is_anonymous"]
    list_filter = ["status", "audience"]
    # Anonymity, the audience and the status are kept by the services (closing a survey is
    # `close_survey`), never changed here.
    readonly_fields = [
        "form",
        "measures_tsm",
        "is_anonymous",
        "status",
        "audience",
        "created_by",
        "created_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    # When an invitation was answered is not shown: with the responses' days it could match an
    # anonymous response to the person.
    list_display = ["survey", "channel", "sent_at", "reminded_at"]
    list_filter = ["survey", "channel"]
    exclude = ["token", "answers", "pages_done", "answered_at"]
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
