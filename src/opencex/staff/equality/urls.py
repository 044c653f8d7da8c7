"""The equality and reach report and the Tenant Satisfaction Measures."""

from django.urls import path

from opencex.staff.equality import views

urlpatterns = [
    path("reports/equality/", views.equality_report, name="equality-report"),
    path("reports/tsm/", views.tsm_report, name="tsm-report"),
]
