from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "opencex.open311"
    label = "open311"
    verbose_name = "Open311 GeoReport v2"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Anonymising a case blanks what its GeoReport request kept (retention2, issue 12).
        from opencex.open311.retention import forget_georeport_details
        from opencex.retention.anonymising import register_case_anonymiser

        register_case_anonymiser(forget_georeport_details)
