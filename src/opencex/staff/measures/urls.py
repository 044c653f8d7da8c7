"""The headline measures against their targets, and setting a target."""

from django.urls import path

from opencex.staff.measures import views

urlpatterns = [
    path("reports/measures/", views.measures, name="measures"),
    path("reports/measures/targets/new/", views.new_target, name="measure-target-new"),
]
