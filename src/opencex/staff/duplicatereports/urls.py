"""The duplicate reports' proposals: the queue, merging a job's reports, "not the same"."""

from django.urls import path

from opencex.staff.duplicatereports import views

urlpatterns = [
    path("duplicate-reports/", views.queue, name="duplicate-reports"),
    path("duplicate-reports/merge/", views.merge, name="duplicate-reports-merge"),
    path(
        "duplicate-reports/<int:pk>/not-the-same/",
        views.not_the_same,
        name="duplicate-reports-not-same",
    ),
]
