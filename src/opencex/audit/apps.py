from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "opencex.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from opencex.audit import checks  # noqa: F401 - registers the deploy check
        from opencex.audit.protection import install_after_migrate

        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="audit-triggers")
