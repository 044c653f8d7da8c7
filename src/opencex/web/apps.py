from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "opencex.web"
    label = "web"
