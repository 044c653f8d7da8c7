"""Where the machines that watch the service look: /health/live, /health/ready, /metrics."""

from django.urls import path

from opencex.server import views

app_name = "server"

urlpatterns = [
    path("health/live", views.LivenessView.as_view(), name="liveness"),
    path("health/ready", views.ReadinessView.as_view(), name="readiness"),
    path("metrics", views.metrics_view, name="metrics"),
]
