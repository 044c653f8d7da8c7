from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "opencex.payments"
    label = "payments"
