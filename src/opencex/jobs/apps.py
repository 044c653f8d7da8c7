from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "opencex.jobs"
    label = "jobs"
