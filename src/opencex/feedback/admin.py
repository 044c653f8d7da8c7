"""Administrators keep the council's comment themes in the admin (/staff/admin/)."""

from __future__ import annotations

from django.contrib import admin

from opencex.feedback.models import CommentTheme


@admin.register(CommentTheme)
class CommentThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
