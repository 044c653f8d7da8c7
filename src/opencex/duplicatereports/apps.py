from django.apps import AppConfig


class DuplicateReportsConfig(AppConfig):
    name = "opencex.duplicatereports"
    label = "duplicatereports"
    verbose_name = "Duplicate reports"

    def ready(self) -> None:
        from opencex.duplicatereports.tasks import propose_for_new_case
        from opencex.events.consumers import register

        # Every door (web form, phone, Open311, API) opens a case through cases.actions, which
        # publishes case.created: one place sees every new report.
        register(name="duplicate-reports", topics=("case.created",), task=propose_for_new_case)
