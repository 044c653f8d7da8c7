from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "opencex.consultations"
    label = "consultations"
    verbose_name = "Consultations"
