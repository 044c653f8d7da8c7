from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "opencex.council"
    label = "council"
    verbose_name = "Council profile"
