"""Residents and properties: find or create, the single view, logged contacts."""

from django.urls import path

from opencex.staff.residents import contact_views, views

urlpatterns = [
    path("residents/", views.find_resident, name="find-resident"),
    path("residents/new/", views.create_resident, name="create-resident"),
    path("residents/<int:resident_id>/", views.resident_detail, name="resident"),
    path(
        "residents/<int:resident_id>/break-glass/", views.break_glass, name="resident-break-glass"
    ),
    path("residents/break-glass-reads/", views.break_glass_reads, name="break-glass-reads"),
    path(
        "residents/<int:resident_id>/contacts/new/", contact_views.new_contact, name="log-contact"
    ),
    path("contacts/new/", contact_views.new_contact, name="log-anonymous-contact"),
    path("properties/<str:uprn>/", views.property_detail, name="property"),
]
