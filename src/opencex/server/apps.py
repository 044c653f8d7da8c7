from django.apps import AppConfig


class ServerConfig(AppConfig):
    name = "opencex.server"
    verbose_name = "Production server"
