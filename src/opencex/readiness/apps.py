from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "opencex.readiness"
    label = "readiness"
    verbose_name = "Citizen Experience readiness"
