"""The demo council: loads the profile's catalogue, staff for each role and a synthetic history."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "opencex.demo"
    label = "demo"
    verbose_name = "Demo council"
