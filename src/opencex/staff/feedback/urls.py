"""Compliments passed on and comments themed."""

from django.urls import path

from opencex.staff.feedback import views as feedback_views

urlpatterns = [
    path("compliments/", feedback_views.compliments, name="compliments"),
    path("compliments/<str:reference>/", feedback_views.compliment, name="compliment"),
    path("comments/", feedback_views.comments, name="comments"),
    path("comments/<str:reference>/", feedback_views.comment, name="comment"),
]
