from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "opencex.notify"
    label = "notify"
