"""Deciding a case's urgency cues."""

from django.urls import path

from opencex.staff.cues import views

urlpatterns = [
    path("cues/<int:pk>/confirm/", views.confirm, name="cue-confirm"),
    path("cues/<int:pk>/dismiss/", views.dismiss, name="cue-dismiss"),
]
