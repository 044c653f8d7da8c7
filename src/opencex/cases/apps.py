from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "opencex.cases"
    label = "cases"
    verbose_name = "Cases"
