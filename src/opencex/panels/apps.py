from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "opencex.panels"
    label = "panels"
    verbose_name = "Residents and Youth Panels"

    def ready(self) -> None:
        # A resident's subject access export holds their panel memberships (panels.records).
        from opencex.inforights.export import register_export_part
        from opencex.panels.records import panels_held_about

        register_export_part("panels.json", panels_held_about)
