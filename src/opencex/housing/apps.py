from django.apps import AppConfig


class HousingConfig(AppConfig):
    name = "opencex.housing"
    label = "housing"
    verbose_name = "Council housing"
    default_auto_field = "django.db.models.BigAutoField"
