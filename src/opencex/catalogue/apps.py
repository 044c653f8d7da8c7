from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "opencex.catalogue"
    label = "catalogue"
    verbose_name = "Service catalogue"
