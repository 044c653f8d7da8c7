"""Administrators keep accounts and the staff directory up to date in the admin (/staff/admin/):
job titles, responsibilities, phone, office, role and teams."""

from __future__ import annotations

from django.contrib import admin

from opencex.accounts.models import Role, User
from opencex.catalogue.models import Team


class TeamMembershipInline(admin.StackedInline):
    # Stacked, not tabular: a tabular inline gives its selects no label (axe: label).
    model = Team.members.through
    verbose_name = "team"
    verbose_name_plural = "teams"
    extra = 1


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "role", "job_title", "work_phone", "is_active"]
    list_filter = ["role", "is_active", "teams"]
    search_fields = ["full_name", "email", "job_title", "responsibilities"]
    ordering = ["full_name"]
    fieldsets = [
        (None, {"fields": ["full_name", "email", "role", "is_active"]}),
        (
            "Staff directory",
            {"fields": ["job_title", "responsibilities", "work_phone", "office"]},
        ),
        ("Activity", {"fields": ["date_joined", "last_login"]}),
    ]
    readonly_fields = ["date_joined", "last_login"]
    inlines = [TeamMembershipInline]

    def save_model(self, request, obj, form, change) -> None:
        # Passwords are never set here: a new account cannot sign in until its owner sets one.
        if not change:
            obj.set_unusable_password()
        # The admin's permissions follow the role, as User.is_staff does.
        obj.is_superuser = obj.role == Role.ADMINISTRATOR
        super().save_model(request, obj, form, change)
