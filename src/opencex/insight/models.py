"""The targets the council sets for its headline measures. A target is never changed: a new one
for the same measure supersedes it from its own start, so the history of targets is the table."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opencex.audit.records import AuditQuerySet, AuditRecord
from opencex.insight.granularity import Granularity


class Target(AuditRecord):
    """What a measure (`measure_key`, from `insight.measures`) should reach in each month, quarter
    or year from `applies_from` (the first day of one), who set it, when and why. An audit
    record: append-only, in the database too (`audit.protection`)."""

    measure_key = models.SlugField(max_length=64)
    granularity = models.CharField(max_length=8, choices=Granularity.choices)
    applies_from = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=500)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["measure_key", "granularity", "-applies_from", "-set_at", "-pk"]
        indexes = [models.Index(fields=["measure_key", "granularity", "applies_from"])]

    def __str__(self) -> str:
        return f"{self.measure_key}: {self.value} a {self.granularity} from {self.applies_from}"
