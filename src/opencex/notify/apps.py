from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "opencex.notify"
    label = "notify"

    def ready(self) -> None:
        from opencex.notify import checks  # noqa: F401 - registers the system checks
