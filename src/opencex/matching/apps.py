from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "opencex.matching"
    label = "matching"
    verbose_name = "One record per resident"
