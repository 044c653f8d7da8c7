from django.apps import AppConfig


class InforightsConfig(AppConfig):
    name = "opencex.inforights"
    label = "inforights"
    verbose_name = "Information rights"

    def ready(self) -> None:
        from opencex.cases import owners
        from opencex.inforights.ownership import OWNER

        owners.register(OWNER)
