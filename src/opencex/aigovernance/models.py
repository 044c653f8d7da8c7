"""Every suggestion a model made and every officer's decision on it: audit records, never edited
or deleted (`audit.protection`), redacted only by retention or erasure."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opencex.audit.records import AuditQuerySet, AuditRecord


class Suggestion(AuditRecord):
    """What a model suggested about one subject (a case, a resident, an email, a contact), with
    the model's key and version, its confidence and why, in words an officer reads (a cue's name,
    never a copy of what the resident wrote)."""

    REDACTION = {"suggested": {}, "reasons": []}

    model_key = models.CharField(max_length=40, db_index=True)
    model_version = models.CharField(max_length=64)
    made_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # What the suggestion is about: e.g. ("case", 12), ("resident", 7), ("inbound_email", 3). No
    # foreign key, so that the subject's own retention never has to rewrite this record.
    subject_type = models.CharField(max_length=40)
    subject_id = models.BigIntegerField()
    suggested = models.JSONField(default=dict)
    confidence = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [
            models.Index(
                fields=["subject_type", "subject_id", "model_key"], name="aigov_suggestion_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_key} {self.model_version} on {self.subject_type} {self.subject_id}"


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    CORRECTED = "corrected", "Corrected"
    DISMISSED = "dismissed", "Dismissed"


class Decision(AuditRecord):
    """An officer's decision on a suggestion: accepted as it was, corrected (with what they chose
    instead, which retraining reads) or dismissed."""

    REDACTION = {"correction": {}, "note": ""}

    suggestion = models.ForeignKey(Suggestion, on_delete=models.PROTECT, related_name="decisions")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    correction = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=500, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.suggestion}"
