from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "opencex.payments"
    label = "payments"

    def ready(self) -> None:
        # Paying a bill by its reference is a purpose like any other (bookings registers its own).
        from opencex.payments import checks  # noqa: F401 - registers the system checks
        from opencex.payments.bills import purposes as bill_purposes

        bill_purposes.register()
