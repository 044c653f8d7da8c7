"""Where each report is, the distance and days within which two reports of a service may be the
same problem, and the proposals that two open reports are one job."""

from __future__ import annotations

from django.conf import settings
from django.db import models

DEFAULT_METRES = 40
DEFAULT_DAYS = 7


class PlaceSource(models.TextChoices):
    """Where a report's point came from, most precise first."""

    OPEN311 = "open311", "Map point sent through Open311"
    MAP = "map", "Map point on the form"
    PROPERTY = "property", "Property (postcode sector centre)"
    POSTCODE = "postcode", "Postcode given (sector centre)"


# How far the point may be from the problem, in metres: a map point is where the resident put
# it; the others are a postcode sector's centre, good for nothing closer than a sector.
PRECISION_METRES = {
    PlaceSource.OPEN311: 10,
    PlaceSource.MAP: 10,
    PlaceSource.PROPERTY: 1000,
    PlaceSource.POSTCODE: 1000,
}


class ReportPlace(models.Model):
    """One point per report, with where it came from, kept beside the service and time so the
    proposal's query for neighbours is one indexed range scan."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="report_place"
    )
    service = models.ForeignKey(
        "catalogue.Service", null=True, on_delete=models.CASCADE, related_name="+"
    )
    received_at = models.DateTimeField()
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=16, choices=PlaceSource.choices, blank=True)
    precision_m = models.PositiveIntegerField(null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    uprn = models.CharField(max_length=12, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["service", "received_at"], name="dupreports_place_service"),
            models.Index(fields=["service", "latitude"], name="dupreports_place_latitude"),
        ]

    def __str__(self) -> str:
        return f"Place of case {self.case_id} ({self.source or 'unknown'})"

    @property
    def is_exact(self) -> bool:
        return self.precision_m is not None and self.precision_m <= 25


class MatchingRule(models.Model):
    """For one service: how far apart (metres) and how many days apart two reports may be and
    still be proposed as the same problem. A service without a row uses the defaults."""

    service = models.OneToOneField(
        "catalogue.Service", on_delete=models.CASCADE, related_name="duplicate_rule"
    )
    metres = models.PositiveIntegerField(default=DEFAULT_METRES)
    days = models.PositiveSmallIntegerField(default=DEFAULT_DAYS)

    def __str__(self) -> str:
        return f"{self.service}: {self.metres} m, {self.days} days"


class ProposalStatus(models.TextChoices):
    OPEN = "open", "Waiting for an officer"
    MERGED = "merged", "Merged"
    NOT_SAME = "not_same", "Not the same"
    GONE = "gone", "No longer open"


class DuplicateProposal(models.Model):
    """The model's proposal that `case` is the same job as `main` (the earlier report), with its
    score and the reasons an officer reads. One proposal per pair, whatever its outcome, so a
    pair an officer said is not the same is never proposed again."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    main = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        "catalogue.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    suggestion = models.ForeignKey(
        "aigovernance.Suggestion", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    made_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["main_id", "-score", "pk"]
        indexes = [models.Index(fields=["team", "status"], name="dupreports_proposal_queue")]
        constraints = [
            models.UniqueConstraint(fields=["case", "main"], name="one_proposal_per_pair"),
            models.CheckConstraint(
                name="proposal_is_not_to_itself", condition=~models.Q(case=models.F("main"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} same job as {self.main_id}? ({self.status})"
