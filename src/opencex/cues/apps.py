from django.apps import AppConfig


class CuesConfig(AppConfig):
    name = "opencex.cues"
    label = "cues"
    verbose_name = "Urgency cues"

    def ready(self) -> None:
        from opencex.cues.tasks import look_for_cues_in_new_case
        from opencex.events.consumers import register

        # Every door that opens a case (web form, API, Open311, email intake, assisted digital)
        # records `case.created` through `cases.timeline`: one place sees them all.
        register(name="urgency-cues", topics=("case.created",), task=look_for_cues_in_new_case)
