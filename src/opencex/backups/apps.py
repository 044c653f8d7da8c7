from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "opencex.backups"
    label = "backups"
    verbose_name = "Backups"
