"""Consultations: the horizon scan, planning, the check before launch, results (issue 15)."""

from django.urls import path

from opencex.staff.consultations import views

urlpatterns = [
    path("consultations/", views.scan, name="consultations"),
    path("consultations/new/", views.plan, name="consultation-plan"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("consultations/<int:pk>/change/", views.change, name="consultation-change"),
    path("consultations/<int:pk>/check/", views.check, name="consultation-check"),
    path(
        "consultations/<int:pk>/findings/<int:finding_pk>/",
        views.acknowledge,
        name="consultation-acknowledge",
    ),
    path("consultations/<int:pk>/equality/", views.equality_check, name="consultation-equality"),
    path("consultations/<int:pk>/launch/", views.launch, name="consultation-launch"),
    path("consultations/<int:pk>/close/", views.close, name="consultation-close"),
    path("consultations/<int:pk>/results/", views.results, name="consultation-results"),
    path("consultations/<int:pk>/publish/", views.publish, name="consultation-publish"),
]
