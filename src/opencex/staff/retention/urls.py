"""The retention schedule's work, special-category reviews due, and erasure on request."""

from django.urls import path

from opencex.staff.retention import views

urlpatterns = [
    path("retention/", views.retention, name="retention"),
    path("retention/reviews/<int:pk>/", views.record_review, name="retention-review"),
    path("residents/<int:resident_id>/erase/", views.erase, name="erase-resident"),
]
