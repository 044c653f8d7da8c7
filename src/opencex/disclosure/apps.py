"""The disclosure log: released responses, published once personal data is removed."""

from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "opencex.disclosure"
    label = "disclosure"
    verbose_name = "Disclosure log"

    def ready(self) -> None:
        from opencex.disclosure.search_source import DisclosureLogSource
        from opencex.search.documents import register_source

        register_source(DisclosureLogSource())
