from django.apps import AppConfig


class TextRoutingConfig(AppConfig):
    name = "opencex.textrouting"
    label = "textrouting"
    verbose_name = "Routing free text"
