from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "opencex.panels"
    label = "panels"
    verbose_name = "Residents and Youth Panels"
