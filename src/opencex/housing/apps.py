from django.apps import AppConfig


class HousingConfig(AppConfig):
    name = "opencex.housing"
    label = "housing"
    verbose_name = "Council housing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A subject access export includes the tenancies, rent and repairs (retention2, issue 12).
        from opencex.housing.records import housing_held_about
        from opencex.inforights.export import register_export_part

        register_export_part("housing.json", housing_held_about)
