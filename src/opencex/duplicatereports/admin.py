"""Administrators keep each service's distance and days for duplicate reports (/staff/admin/)."""

from __future__ import annotations

from django.contrib import admin

from opencex.duplicatereports.models import MatchingRule


@admin.register(MatchingRule)
class MatchingRuleAdmin(admin.ModelAdmin):
    list_display = ("service", "metres", "days")
    search_fields = ("service__title",)
