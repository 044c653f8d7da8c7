"""The information-rights register in the Django admin: to look, not to change; changes go
through the staff pages, which check the policy and keep the timeline."""

from __future__ import annotations

from django.contrib import admin

from opencex.inforights.models import (
    AppliedExemption,
    IcoComplaint,
    InformationRequest,
    SubjectAccessExport,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ExemptionInline(admin.TabularInline):
    model = AppliedExemption
    extra = 0
    can_delete = False
    fields = ["code", "public_interest"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = ["case", "decision", "decided_on", "fees_notice_on", "is_vexatious"]
    list_filter = ["decision", "is_vexatious"]
    inlines = [ExemptionInline]


@admin.register(IcoComplaint)
class IcoComplaintAdmin(ReadOnlyAdmin):
    list_display = ["ico_reference", "case", "received_on", "outcome"]
    list_filter = ["outcome"]


@admin.register(SubjectAccessExport)
class SubjectAccessExportAdmin(ReadOnlyAdmin):
    list_display = ["resident", "case", "exported_by", "at", "size"]
