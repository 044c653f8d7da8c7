from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "opencex.replies"
    label = "replies"
    verbose_name = "Standard replies"
