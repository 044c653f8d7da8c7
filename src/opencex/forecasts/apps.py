from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "opencex.forecasts"
    label = "forecasts"
    verbose_name = "Predicted completion"
