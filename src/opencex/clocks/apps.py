"""Django registration of the clocks app, which has no models and only a management command."""

from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "opencex.clocks"
    label = "clocks"
    verbose_name = "Clocks"
