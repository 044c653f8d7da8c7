"""A complaint beyond its case: what it is about, where it was raised, and each stage's response
with its outcome, remedy and lesson learned."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Complaint(models.Model):
    """One per complaint case. `about_service` is the service complained about (not the
    "make a complaint" service the form belongs to): it chooses the ombudsman and is where the
    lesson learned is tagged by default."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="complaint")
    raised_from = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints_raised",
        help_text="The request or enquiry where the resident said they were unhappy.",
    )
    about_service = models.ForeignKey(
        "catalogue.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Complaint {self.case.reference}"


class StageResponse(models.Model):
    """The council's response at one stage, as the Complaint Handling Code asks it to be set out:
    the complaint as understood, the decision and reasons, any remedy, what is still to be done;
    with the lesson learned for the service and the letter exactly as sent."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="responses")
    stage = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    complaint_as_understood = models.TextField()
    decision_and_reasons = models.TextField()
    apology = models.BooleanField(default=False)
    remedy_action = models.TextField(
        blank=True, help_text="What we did or will do to put it right."
    )
    remedy_amount = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, help_text="Money paid, in pounds."
    )
    still_to_do = models.TextField(blank=True)
    lesson_learned = models.TextField(blank=True)
    lesson_service = models.ForeignKey(
        "catalogue.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lesson_service_area = models.ForeignKey(
        "catalogue.ServiceArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ombudsman = models.CharField(max_length=32, help_text="The ombudsman named (a slug).")
    letter = models.TextField(help_text="The response as sent to the resident.")
    due_on = models.DateField(null=True, blank=True, help_text="The deadline when it was sent.")
    responded_on = models.DateField()
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "stage"]
        indexes = [models.Index(fields=["lesson_service_area", "responded_on"])]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="one_response_per_stage"),
            models.CheckConstraint(
                name="response_stage_is_1_or_2", condition=models.Q(stage__in=[1, 2])
            ),
            models.CheckConstraint(
                name="remedy_amount_is_not_negative",
                condition=models.Q(remedy_amount__isnull=True) | models.Q(remedy_amount__gte=0),
            ),
            models.CheckConstraint(
                name="a_lesson_is_tagged_to_a_service_area",
                condition=models.Q(lesson_learned="") | models.Q(lesson_service_area__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.case.reference} stage {self.stage}: {self.get_outcome_display()}"

    @property
    def is_final(self) -> bool:
        return self.stage == 2

    @property
    def was_in_time(self) -> bool:
        return self.due_on is None or self.responded_on <= self.due_on
