"""Requests and replies that arrive by email, turned into cases and timeline entries."""

from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "opencex.inbox"
    label = "inbox"
    verbose_name = "Email intake"

    def ready(self) -> None:
        from opencex.inbox import checks  # noqa: F401 - registers the system checks
