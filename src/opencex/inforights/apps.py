from django.apps import AppConfig


class InforightsConfig(AppConfig):
    name = "opencex.inforights"
    label = "inforights"
    verbose_name = "Information rights"
