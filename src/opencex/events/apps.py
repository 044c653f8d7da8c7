from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "opencex.events"
    label = "events"
    verbose_name = "Outbound events"
