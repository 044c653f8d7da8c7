"""Forms in the Django admin: an administrator edits a form's schema, which is checked in full
and published as a new version; published versions are read-only."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html

from opencex.forms.editing import FormDefinitionEditForm, pretty
from opencex.forms.models import FormDefinition, FormVersion


class FormVersionInline(admin.TabularInline):
    model = FormVersion
    fields = ["number", "published_at", "created_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FormDefinition)
class FormDefinitionAdmin(admin.ModelAdmin):
    form = FormDefinitionEditForm
    list_display = ["title", "slug", "case_kind", "service", "is_live"]
    list_filter = ["is_live", "case_kind"]
    search_fields = ["title", "slug"]
    inlines = [FormVersionInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class WithActor(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, actor=actor, **inner)

        return WithActor

    def get_fields(self, request, obj=None):
        return ["slug", "title", "case_kind", "service", "is_live", "schema"]


@admin.register(FormVersion)
class FormVersionAdmin(admin.ModelAdmin):
    list_display = ["definition", "number", "published_at", "created_by"]
    list_filter = ["definition"]
    fields = ["definition", "number", "published_at", "created_by", "schema_as_json"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # a version is made by saving a changed schema on its form

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Schema")
    def schema_as_json(self, version: FormVersion) -> str:
        return format_html("<pre>{}</pre>", pretty(version.schema))
