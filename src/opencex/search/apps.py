from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "opencex.search"
    label = "search"
