"""Pairs of residents who may be the same person, each merge of two records (with every row it
moved, so that it can be undone exactly), and the append-only audit of merges and undos."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from opencex.audit.records import REMOVED_UNDER_RETENTION, AuditQuerySet, AuditRecord


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    # An officer who may not merge said "the same person": a manager merges or rejects it.
    UNDER_REVIEW = "under_review", "Under review"
    MERGED = "merged", "Merged"
    NOT_THE_SAME = "not_the_same", "Not the same person"


class PairSource(models.TextChoices):
    SWEEP = "sweep", "Search of every resident"
    SIGN_UP = "sign_up", "Resident signed up"
    OFFICER = "officer", "Officer creating a record"


class CandidatePairQuerySet(models.QuerySet["CandidatePair"]):
    def open(self) -> CandidatePairQuerySet:
        """Pairs still waiting for a decision, of two records neither of which is merged away."""
        return self.filter(
            status__in=[PairStatus.PROPOSED, PairStatus.UNDER_REVIEW],
            resident_a__merged_into__isnull=True,
            resident_b__merged_into__isnull=True,
        )


class CandidatePair(models.Model):
    """Two residents the matching engine thinks may be one person (`resident_a` the lower id),
    with its probability, its reasons in plain English and the model version that said so. The
    engine only proposes (an `aigovernance.Suggestion`); an officer decides."""

    # A pair goes with either record if it is ever deleted (the suggestion, an audit record
    # with no key to the resident, stays).
    resident_a = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="+")
    resident_b = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    reasons = models.JSONField(default=list)
    model_version = models.CharField(max_length=64)
    # At or above the engine's `match` threshold when proposed: listed as likely; else uncertain.
    is_likely = models.BooleanField(default=False)
    source = models.CharField(max_length=16, choices=PairSource.choices)
    status = models.CharField(
        max_length=16, choices=PairStatus.choices, default=PairStatus.PROPOSED, db_index=True
    )
    # What both records said when the pair was proposed (services.fingerprint): a pair decided
    # "not the same person" is proposed again only when this changes.
    fingerprint = models.CharField(max_length=64)
    suggestion = models.ForeignKey(
        "aigovernance.Suggestion", on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    objects = CandidatePairQuerySet.as_manager()

    class Meta:
        ordering = ["-is_likely", "-probability", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["resident_a", "resident_b"], name="matching_one_pair"),
            models.CheckConstraint(
                name="matching_pair_in_order",
                condition=models.Q(resident_a__lt=models.F("resident_b")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident_a_id} and {self.resident_b_id} ({self.probability:.2f})"


class ResidentMerge(models.Model):
    """One merge: `merged` was found to be the same person as `kept`. Every row moved is listed
    (model label, pk, field), and so are the rows left with the merged record (audit records, and
    a row the kept record already has its own of); the kept record's fields filled from the
    merged one keep their old values. `undo_merge` reads exactly these lists."""

    # Named (not "+"), so that code asking whether anything points at a resident sees merges.
    kept = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="merges_kept_here"
    )
    merged = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="merges_away"
    )
    pair = models.ForeignKey(
        CandidatePair, null=True, blank=True, on_delete=models.PROTECT, related_name="merges"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    # [{"model": "cases.Case", "pk": 12, "field": "resident"}, ...]
    moved = models.JSONField(default=list)
    # [{"model": ..., "pk": ..., "field": ..., "why": ...}, ...]
    left = models.JSONField(default=list)
    # {"email": {"old": "", "new": "a@example.com"}, ...}: the kept record's fields filled in.
    filled = models.JSONField(default=dict)
    # The merged record's own fields the merge changed (its account, handed to the kept record).
    emptied = models.JSONField(default=dict)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        constraints = [
            # A record is merged away at most once at a time (an undone merge may be redone).
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(undone_at__isnull=True),
                name="matching_merged_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.merged_id} into {self.kept_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class MergeAct(models.TextChoices):
    MERGED = "merged", "Merged"
    UNDONE = "undone", "Merge undone"


class MergeEvent(AuditRecord):
    """The audit of merges and undos: who, when, why, which records. Append-only
    (`audit.protection`); the reason is redacted under retention like other audit reasons."""

    REDACTION: ClassVar[dict[str, Any]] = {"reason": REMOVED_UNDER_RETENTION}

    merge = models.ForeignKey(ResidentMerge, on_delete=models.PROTECT, related_name="events")
    act = models.CharField(max_length=16, choices=MergeAct.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    kept_number = models.BigIntegerField()
    merged_number = models.BigIntegerField()
    rows = models.PositiveIntegerField(help_text="How many rows moved.")
    reason = models.TextField()

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
