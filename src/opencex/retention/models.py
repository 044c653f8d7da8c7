"""What the retention schedule did and what is still to do: each run's report, the cases and
residents anonymised (and why), erasures on request (who, when, why), and special-category
reviews that are due.

Nothing here is edited after it is written except a review, which an officer marks done."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RetentionRun(models.Model):
    """One run of the retention schedule that removed something (a dry run writes nothing): what
    it removed, counted per schedule, for information governance to see."""

    ran_at = models.DateTimeField()
    today = models.DateField(help_text="The day the schedule was applied as of.")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for the daily job.",
    )
    # [{"schedule", "label", "period", "count", "oldest", "held"}], as `report.ScheduleLine`.
    report = models.JSONField(default=list)

    class Meta:
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"Retention run of {self.today}"

    @property
    def total(self) -> int:
        return sum(line["count"] for line in self.report)


class Erasure(models.Model):
    """A resident's personal data erased at their request: who decided, when, and why. Kept for
    good (it names no one but the officer; the resident's record is anonymised)."""

    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="erasures"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField()
    cases_anonymised = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]


class Because(models.TextChoices):
    SCHEDULE = "schedule", "Its time under the retention schedule was up"
    ERASURE = "erasure", "The resident asked for it to be erased"


class AnonymisedCase(models.Model):
    """A case whose personal details were removed: the reference, kind, service, team, dates and
    outcome stay, for the statistics; this row says when and why."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, primary_key=True, related_name="anonymisation"
    )
    at = models.DateTimeField()
    because = models.CharField(max_length=16, choices=Because.choices)
    erasure = models.ForeignKey(
        Erasure, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )


class AnonymisedResident(models.Model):
    """A resident whose personal details were removed (no case left, or at their request)."""

    resident = models.OneToOneField(
        "people.Resident", on_delete=models.PROTECT, primary_key=True, related_name="anonymisation"
    )
    at = models.DateTimeField()
    because = models.CharField(max_length=16, choices=Because.choices)
    erasure = models.OneToOneField(
        Erasure, null=True, blank=True, on_delete=models.PROTECT, related_name="anonymisation"
    )


class SensitiveReviewQuerySet(models.QuerySet["SensitiveReview"]):
    def to_do(self) -> SensitiveReviewQuerySet:
        return self.filter(done_at__isnull=True)


class SensitiveReview(models.Model):
    """A special-category entry whose review date has come: an officer checks it is still needed
    and still right. One per entry per review date, so a second daily run makes none."""

    information = models.ForeignKey(
        "people.SensitiveInformation", on_delete=models.CASCADE, related_name="reviews"
    )
    resident = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="+")
    review_on = models.DateField()
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    objects = SensitiveReviewQuerySet.as_manager()

    class Meta:
        ordering = ["review_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["information", "review_on"], name="one_review_per_review_date"
            ),
            models.CheckConstraint(
                name="review_done_by_someone",
                condition=models.Q(done_at__isnull=True, done_by__isnull=True)
                | models.Q(done_at__isnull=False, done_by__isnull=False),
            ),
        ]
