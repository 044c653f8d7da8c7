from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "opencex.complaints"
    label = "complaints"
    verbose_name = "Comments, complaints and compliments"

    def ready(self) -> None:
        from opencex.cases import owners
        from opencex.complaints.ownership import OWNER

        owners.register(OWNER)
