from django.apps import AppConfig


class TelephonyConfig(AppConfig):
    name = "opencex.telephony"
    label = "telephony"
    verbose_name = "Telephony"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencex.telephony.measures import register_measures

        register_measures()
