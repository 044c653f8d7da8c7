from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "opencex.integrations"
    label = "integrations"
    verbose_name = "Back-office systems"

    def ready(self) -> None:
        from opencex.cases.policies import register_back_office_records
        from opencex.events.consumers import register
        from opencex.integrations.selectors import holds_record
        from opencex.integrations.tasks import send_case_to_back_office

        register(name="back-offices", topics=("case.created",), task=send_case_to_back_office)
        register_back_office_records(holds_record)
