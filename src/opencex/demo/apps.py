from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "opencex.demo"
    label = "demo"
