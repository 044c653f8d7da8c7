from django.apps import AppConfig


class YouSaidWeDidConfig(AppConfig):
    name = "opencex.yousaidwedid"
    label = "yousaidwedid"
    verbose_name = "You said, we did"
