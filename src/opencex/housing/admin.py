"""The housing records in the admin: read them; they change only by import."""

from django.contrib import admin

from opencex.housing.models import AppointmentSlot, ImportRun, Repair, Tenancy


@admin.register(Tenancy)
class TenancyAdmin(admin.ModelAdmin):
    list_display = ["housing_ref", "tenancy_type", "property", "started_on", "ended_on"]
    search_fields = ["housing_ref", "property__uprn"]
    raw_id_fields = ["property"]


@admin.register(Repair)
class RepairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "priority", "status", "reported_at"]
    raw_id_fields = ["tenancy", "case"]


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(admin.ModelAdmin):
    list_display = ["slot_ref", "starts_at", "ends_at", "repair"]
    raw_id_fields = ["repair"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["kind", "source", "started_at", "created", "updated", "unchanged"]
