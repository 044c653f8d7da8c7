from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "opencex.surveys"
    label = "surveys"
    verbose_name = "Surveys"
