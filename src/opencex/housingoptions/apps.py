from django.apps import AppConfig


class HousingOptionsConfig(AppConfig):
    name = "opencex.housingoptions"
    label = "housingoptions"
    verbose_name = "Housing options and homelessness"

    def ready(self) -> None:
        from opencex.forms.triage import register_triage
        from opencex.housingoptions.intake import triage_homelessness_form

        register_triage("homelessness", triage_homelessness_form)
