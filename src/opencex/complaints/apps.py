from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "opencex.complaints"
    label = "complaints"
    verbose_name = "Comments, complaints and compliments"
