"""What every audit record shares: written once, never edited, and only ever redacted for the
retention schedule (the one change the database triggers in `protection` allow)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone

REMOVED_UNDER_RETENTION = "Removed under the retention schedule"


class AuditQuerySet(models.QuerySet):
    """Refuses bulk edits and deletes; `redact()` is the one change allowed."""

    refusal = "An audit record is never changed or deleted; add a new record instead."

    def update(self, **kwargs: Any) -> int:
        raise TypeError(self.refusal)

    def delete(self) -> Any:
        raise TypeError(self.refusal)

    def redact(self) -> int:
        """Blank the personal content of these records for retention or erasure, keeping the rows,
        their other columns and their place in the tamper-evidence chain. Returns how many were
        redacted now (a record already redacted is left as it is)."""
        redaction = self.model.REDACTION  # type: ignore[attr-defined]
        return models.QuerySet.update(
            self.filter(redacted_at__isnull=True), redacted_at=timezone.now(), **redaction
        )


class AuditRecord(models.Model):
    """An append-only audit row. `REDACTION` names the columns a redaction blanks and the values
    it sets; the triggers, `redact()` and the seals all read it, so they cannot disagree."""

    REDACTION: ClassVar[dict[str, Any]] = {}

    redacted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When retention removed the content."
    )

    # Each audit model sets `objects` to an AuditQuerySet manager (its refusal names the table).

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise TypeError(self._refusal())
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(self._refusal())

    def _refusal(self) -> str:
        return type(self)._default_manager.get_queryset().refusal  # type: ignore[attr-defined]
