from django.apps import AppConfig


class BinCollectionsConfig(AppConfig):
    name = "opencex.bincollections"
    label = "bincollections"
    verbose_name = "Bin collections"
