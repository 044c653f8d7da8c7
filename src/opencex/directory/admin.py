"""Staff maintain the community directory in the Django admin (/staff/admin/)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from opencex.directory.models import Contact, Location, Organization, Service, TaxonomyTerm
from opencex.directory.postcodes import UnknownPostcode, locate_postcode, normalise_postcode

# A website typed without a scheme is taken as https (Django 6's default, asked for now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ["name", "title", "phone", "email"]
    extra = 1


class ServiceInline(admin.TabularInline):
    model = Service
    fields = ["name", "status", "is_demo"]
    extra = 0
    show_change_link = True


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "email", "is_demo", "updated_at"]
    list_filter = ["is_demo"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["oruk_id"]
    inlines = [ServiceInline]
    formfield_overrides = URL_FIELDS


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "is_demo", "updated_at"]
    list_filter = ["status", "is_demo", "taxonomy_terms"]
    search_fields = ["name", "description", "organization__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization"]
    filter_horizontal = ["locations", "taxonomy_terms"]
    readonly_fields = ["oruk_id"]
    inlines = [ContactInline]
    formfield_overrides = URL_FIELDS
    fieldsets = [
        (None, {"fields": ["organization", "name", "slug", "description", "status", "is_demo"]}),
        ("How to get in touch", {"fields": ["url", "email"]}),
        (
            "Who and when",
            {"fields": ["eligibility", "minimum_age", "maximum_age", "schedule_description"]},
        ),
        ("Where and what for", {"fields": ["locations", "taxonomy_terms", "fees"]}),
        ("Open Referral UK", {"fields": ["oruk_id"]}),
    ]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "address_1", "postal_code", "latitude", "longitude"]
    search_fields = ["name", "address_1", "postal_code"]
    readonly_fields = ["oruk_id"]

    def save_model(self, request, obj, form, change):
        # Without coordinates the place cannot sort by distance: take its postcode sector's.
        obj.postal_code = normalise_postcode(obj.postal_code)
        if not obj.has_coordinates and obj.postal_code:
            try:
                point = locate_postcode(obj.postal_code)
                obj.latitude, obj.longitude = point.latitude, point.longitude
            except UnknownPostcode:
                pass
        super().save_model(request, obj, form, change)


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "vocabulary"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["oruk_id"]
