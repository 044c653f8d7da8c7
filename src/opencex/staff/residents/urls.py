"""Residents and properties: find or create, the single view, logged contacts."""

from django.urls import path

from opencex.staff.residents import contact_views, support_views, views

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
    path(
        "residents/<int:resident_id>/support-needs/new/",
        support_views.record_support_need,
        name="record-support-need",
    ),
    path(
        "residents/<int:resident_id>/support-needs/<int:number>/review/",
        support_views.review_support_need,
        name="review-support-need",
    ),
    path(
        "residents/<int:resident_id>/support-needs/<int:number>/remove/",
        support_views.remove_support_need,
        name="remove-support-need",
    ),
    path("support-reviews/", support_views.reviews_due, name="support-reviews-due"),
]
