from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "opencex.forms"
    label = "forms"
