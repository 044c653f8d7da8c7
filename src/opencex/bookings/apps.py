from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "opencex.bookings"
    label = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        from opencex.bookings import payment_purpose

        payment_purpose.register()
