from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "opencex.staff"
    label = "staff"
