"""AI oversight, for managers and administrators."""

from django.urls import path

from opencex.staff.ai import views

urlpatterns = [path("ai/", views.ai_oversight, name="ai-oversight")]
