"""A consultation the council plans (`Consultation`), what its check found (`Finding`,
`EqualityCheck`), its results and decision (`Outcome`) and what staff did to it
(`ConsultationEvent`, an audit record)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencex.audit.records import AuditQuerySet, AuditRecord


class Audience(models.TextChoices):
    """Who is asked. Wards narrow any audience to places; no wards is the whole city."""

    EVERYONE = "everyone", _("Everyone")
    TENANTS = "tenants", _("Council tenants")
    BUSINESSES = "businesses", _("Businesses")
    YOUNG_PEOPLE = "young_people", _("Young people")
    PANEL = "panel", _("A residents' panel")


class Method(models.TextChoices):
    """How people can take part."""

    ONLINE_SURVEY = "online_survey", _("Online survey")
    PAPER = "paper", _("Paper questionnaire")
    PHONE = "phone", _("By phone")
    DROP_IN = "drop_in", _("Drop-in events")
    PUBLIC_MEETING = "public_meeting", _("Public meeting")
    OUTREACH = "outreach", _("Targeted outreach")
    TRANSLATED = "translated", _("Translated materials")
    EASY_READ = "easy_read", _("Easy read version")
    YOUTH_PANEL = "youth_panel", _("Youth panel")
    SCHOOLS = "schools", _("Schools and colleges")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CHECKED = "checked", _("Checked")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Results published")


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def public(self) -> ConsultationQuerySet:
        """What residents see: open consultations, and closed ones whose results are out."""
        return self.filter(status__in=[Status.OPEN, Status.PUBLISHED])


class Consultation(models.Model):
    title = models.CharField(max_length=200)
    topic = models.TextField(help_text="What it asks about, in plain words.")
    topics = models.ManyToManyField("catalogue.Topic", blank=True, related_name="consultations")
    service_area = models.ForeignKey(
        "catalogue.ServiceArea", on_delete=models.PROTECT, related_name="consultations"
    )
    team = models.ForeignKey("catalogue.Team", on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    # Which of the council's panels (panels.Panel) is asked, when the audience is a panel;
    # required then, and empty for every other audience (consultations.services).
    panel = models.ForeignKey(
        "panels.Panel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    # Ward names from the council profile; empty means the whole city.
    wards = models.JSONField(default=list, blank=True)
    methods = models.JSONField(default=list)
    starts_on = models.DateField()
    ends_on = models.DateField()
    is_statutory = models.BooleanField(default=False)
    how_to_take_part = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    planned_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["status", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                name="consultation_ends_after_it_starts",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audience_label(self) -> str:
        """Who is asked, naming the panel when it is a panel: "A residents' panel: Youth Panel"."""
        label = str(self.get_audience_display())
        if self.audience == Audience.PANEL and self.panel is not None:
            return f"{label}: {self.panel.name}"
        return label

    @property
    def is_city_wide(self) -> bool:
        return not self.wards

    @property
    def method_labels(self) -> list[str]:
        labels = dict(Method.choices)
        return [str(labels.get(method, method)) for method in self.methods]


class FindingKind(models.TextChoices):
    CLASH = "clash", _("Clash")
    DUPLICATE = "duplicate", _("Possible duplicate")


class Finding(models.Model):
    """Another consultation the check found asking the same people at the same time (a clash) or
    about the same thing (a duplicate). Launch waits until the officer has said why to go ahead."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="findings"
    )
    other = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=FindingKind.choices)
    why = models.CharField(max_length=500)
    reason_to_proceed = models.TextField(blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "other__starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "other", "kind"], name="a_finding_once_per_pair_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.consultation} and {self.other}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class EqualityCheck(models.Model):
    """For one group of people, whether the plan is likely to miss them and why, and how the
    officer says the plan reaches them (required before launch when likely missed)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="equality_checks"
    )
    group = models.CharField(max_length=32)
    likely_missed = models.BooleanField(default=False)
    reasons = models.JSONField(default=list, blank=True)
    how_reached = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "group"], name="one_equality_check_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} for {self.consultation}"


class Outcome(models.Model):
    """What people said (numbers and themes) and what was decided, by whom and when; published
    with the consultation. `changes` are the "you said, we did" changes that came of it."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="outcome"
    )
    responses = models.PositiveIntegerField()
    themes = models.TextField()
    decision = models.TextField()
    decided_by = models.CharField(max_length=200, help_text="Who decided, e.g. the Cabinet.")
    decided_on = models.DateField()
    changes = models.ManyToManyField(
        "yousaidwedid.Change", blank=True, related_name="consultation_outcomes"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Results of {self.consultation}"


# The audit trail's actions, as the history on the consultation's page words them.
ACTION_LABELS = {
    "planned": _("Planned"),
    "changed": _("Plan changed"),
    "checked": _("Checked"),
    "acknowledged": _("Reason to go ahead recorded"),
    "equality_recorded": _("Equality check recorded"),
    "launched": _("Launched"),
    "closed": _("Closed"),
    "results_recorded": _("Results recorded"),
    "published": _("Results published"),
}


class ConsultationEvent(AuditRecord):
    """What staff did to a consultation (planned, changed, checked, acknowledged, launched,
    closed, results recorded, published): who, when and what. Never edited or deleted."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)
    detail = models.CharField(max_length=500, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.consultation}: {self.action}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))
