from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "opencex.contacts"
    label = "contacts"
    verbose_name = "Contacts"
