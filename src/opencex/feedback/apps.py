from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "opencex.feedback"
    label = "feedback"
