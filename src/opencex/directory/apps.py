from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "opencex.directory"
    label = "directory"
    verbose_name = "Community directory"

    def ready(self) -> None:
        from opencex.directory.search_source import DirectorySource
        from opencex.search.documents import register_source

        register_source(DirectorySource())
