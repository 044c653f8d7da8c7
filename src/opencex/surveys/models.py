"""A survey (a run of one survey form, with its audience and dates), the invitations sent for it,
and the responses: answers kept apart from the case system (a survey never opens a case)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class Audience(models.TextChoices):
    PANEL_SAMPLE = "panel_sample", "A sample of a panel"
    AFTER_CASE = "after_case", "Residents whose case closed"
    OPEN_LINK = "open_link", "Anyone with the link"


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Survey(models.Model):
    """One survey the council runs: which survey form it asks (a forms.FormDefinition whose
    schema's purpose is "survey"), who it is for, and when it is open."""

    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="Why the council asks: what the answers will be used for.")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    status = models.CharField(
        max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    form = models.ForeignKey(
        "forms.FormDefinition", on_delete=models.PROTECT, related_name="surveys"
    )
    # The answers of an anonymous survey are kept without the invitation (so without the
    # person): only the invitation's strata stay with them.
    is_anonymous = models.BooleanField(default=True)
    # Its answers give the tenant perception measures TP01-TP12 (insight.tsm).
    measures_tsm = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                name="survey_closes_after_it_opens",
                condition=models.Q(closes_on__gte=models.F("opens_on")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.status == SurveyStatus.OPEN and self.opens_on <= day <= self.closes_on


class Invitation(models.Model):
    """One resident asked to answer one survey, by email or text message, with a link of their
    own. Also where their answers are kept while they fill it in (save and return); on sending,
    the answers move to a Response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    resident = models.ForeignKey(
        "people.Resident", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=8)  # "email" or "sms"
    language = models.CharField(max_length=16, default="en")
    # Why they were asked: a panel membership drawn in a sample, or the case that closed.
    membership = models.ForeignKey(
        "panels.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The strata at the time of the invitation (blank: not given), for response rates.
    age_band = models.CharField(max_length=32, blank=True)
    ward = models.CharField(max_length=100, blank=True)
    tenure = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Answers so far (save and return); emptied when the response is sent.
    answers = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    pages_done = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["resident", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "resident"], name="survey_invites_a_resident_once"
            ),
            models.UniqueConstraint(
                fields=["survey", "case"],
                condition=models.Q(case__isnull=False),
                name="survey_invites_once_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.survey}"


class Response(models.Model):
    """One set of answers to a survey. No name or contact details: the invitation (and so the
    person) only when the survey is not anonymous."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(
        "forms.FormVersion", on_delete=models.PROTECT, related_name="survey_responses"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    answers = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    language = models.CharField(max_length=16)
    age_band = models.CharField(max_length=32, blank=True)
    ward = models.CharField(max_length=100, blank=True)
    tenure = models.CharField(max_length=32, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"Response to {self.survey}"
