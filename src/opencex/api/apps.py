from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opencex.api"
    label = "api"
