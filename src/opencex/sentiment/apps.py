from django.apps import AppConfig


class SentimentConfig(AppConfig):
    name = "opencex.sentiment"
    label = "sentiment"
    verbose_name = "What residents say"
