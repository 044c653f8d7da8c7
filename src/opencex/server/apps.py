from django.apps import AppConfig


class ServerConfig(AppConfig):
    name = "opencex.server"
    verbose_name = "Production server"

    def ready(self) -> None:
        from opencex.server import checks  # noqa: F401 - registers the deploy checks
