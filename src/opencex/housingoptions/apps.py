from django.apps import AppConfig


class HousingOptionsConfig(AppConfig):
    name = "opencex.housingoptions"
    label = "housingoptions"
    verbose_name = "Housing options and homelessness"

    def ready(self) -> None:
        from opencex.forms.triage import register_triage
        from opencex.housingoptions.intake import next_steps_of_record, triage_homelessness_form
        from opencex.notify.next_steps import register_next_steps

        register_triage("homelessness", triage_homelessness_form)
        register_next_steps("homelessness", next_steps_of_record)
