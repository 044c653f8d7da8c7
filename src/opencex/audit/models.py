"""The seals: a hash chain over the audit records, written after they commit (`sealing`)."""

from __future__ import annotations

from django.db import models


class SealState(models.TextChoices):
    RECORDED = "recorded", "As recorded"
    REDACTED = "redacted", "As redacted"


class AuditSeal(models.Model):
    """One link of the chain: an audit row's digest, in one state, bound to the link before it.

    A row is sealed once as recorded and once more if it is redacted, so a redacted row keeps
    its first seal and its place in the chain. The seals are audit records themselves: the
    triggers refuse to change or delete them."""

    table = models.CharField(max_length=63)
    row_id = models.BigIntegerField()
    state = models.CharField(max_length=8, choices=SealState.choices)
    # sha256 of the row's columns, as canonical JSON, at sealing.
    digest = models.CharField(max_length=64)
    # A short digest per column (the columns a redaction blanks together as one), so that a
    # check can say which columns changed; its keys are the columns the seal covers.
    column_digests = models.JSONField()
    # sha256 of the previous seal's link and this seal's table, row, state and digest.
    link = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["table", "row_id", "state"], name="one_seal_per_row_and_state"
            )
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.row_id} {self.state}"
