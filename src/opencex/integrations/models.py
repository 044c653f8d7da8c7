"""Which services go to which back office, the records made there, and how far each system's
changes have been read."""

from __future__ import annotations

from django.db import models


class System(models.TextChoices):
    UNIFORM = "uniform", "Planning system (Uniform)"
    QL = "ql", "Housing system (QL)"


class BackOfficeRoute(models.Model):
    """Cases of `service` become records in `system`: data, changed in the admin, not code."""

    service = models.OneToOneField(
        "catalogue.Service", on_delete=models.CASCADE, related_name="back_office_route"
    )
    system = models.CharField(max_length=16, choices=System.choices)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.service} → {self.get_system_display()}"


class BackOfficeRecord(models.Model):
    """A case's record in a back office, and the back office's last status for it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    system = models.CharField(max_length=16, choices=System.choices)
    record_id = models.CharField(max_length=64)
    back_office_status = models.CharField(max_length=32, blank=True)
    # Why the last status could not be applied to the case (a move its lifecycle refuses, such as
    # a repair completed on a case an officer had already closed): for an officer to look at.
    last_refusal = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "case"], name="one_record_per_case"),
            models.UniqueConstraint(fields=["system", "record_id"], name="record_ids_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.record_id}"


class ChangesRead(models.Model):
    """How far a system's list of changes has been read (its own opaque position)."""

    system = models.CharField(max_length=16, choices=System.choices, unique=True)
    position = models.CharField(max_length=64, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
