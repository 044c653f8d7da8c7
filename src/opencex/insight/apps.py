from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "opencex.insight"
    label = "insight"
    verbose_name = "Insight"
