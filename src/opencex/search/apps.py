from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "opencex.search"
    label = "search"

    def ready(self) -> None:
        from opencex.search.documents import register_source
        from opencex.search.sources import GuidancePageSource, ServiceSource

        register_source(ServiceSource())
        register_source(GuidancePageSource())
