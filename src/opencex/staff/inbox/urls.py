"""Emails held for an officer or that could not be read."""

from django.urls import path

from opencex.staff.inbox import views as inbox_views

urlpatterns = [
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("inbox/<int:pk>/", inbox_views.email_page, name="inbox-email"),
    path("inbox/<int:pk>/<slug:action>/", inbox_views.email_decision, name="inbox-decision"),
]
