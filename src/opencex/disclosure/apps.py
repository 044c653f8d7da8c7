from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "opencex.disclosure"
    label = "disclosure"
    verbose_name = "Disclosure log"
