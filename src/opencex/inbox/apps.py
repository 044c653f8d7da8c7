from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "opencex.inbox"
    label = "inbox"
    verbose_name = "Email intake"
