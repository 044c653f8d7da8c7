from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "opencex.retention"
    label = "retention"
    verbose_name = "Retention and erasure"
