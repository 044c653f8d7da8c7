from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "opencex.people"
    label = "people"
    verbose_name = "Residents and properties"
