"""The records of readiness: a service area's self-assessment against a version of the model,
its answers (the level the service chose and the level the moderator confirmed, both kept), and
the actions that close its gaps, with their dated updates."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for moderation")
    RETURNED = "returned", _("Returned for changes")
    CONFIRMED = "confirmed", _("Confirmed")


class Assessment(models.Model):
    service_area = models.ForeignKey(
        "catalogue.ServiceArea", on_delete=models.PROTECT, related_name="readiness_assessments"
    )
    # The name of the model file it was made against (readiness.framework): its questions.
    framework = models.CharField(max_length=100)
    status = models.CharField(
        max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            # One assessment in progress per service area: a second would split the evidence.
            models.UniqueConstraint(
                fields=["service_area"],
                condition=~models.Q(status="confirmed"),
                name="readiness_one_open_assessment_per_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_area} readiness ({self.get_status_display()})"

    @property
    def confirmed_on(self) -> date | None:
        return timezone.localdate(self.confirmed_at) if self.confirmed_at else None


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=100)
    self_level = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    links = models.TextField(blank=True, help_text="One https:// address a line.")
    moderated_level = models.PositiveSmallIntegerField(null=True, blank=True)
    moderation_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_key"], name="readiness_one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(self_level__isnull=True) | models.Q(self_level__range=(1, 5)),
                name="readiness_self_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(moderated_level__isnull=True)
                | models.Q(moderated_level__range=(1, 5)),
                name="readiness_moderated_level_1_to_5",
            ),
        ]

    @property
    def confirmed_level(self) -> int | None:
        """The level that counts: the moderator's once moderated."""
        return self.moderated_level

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class AssessmentEvent(models.Model):
    """What happened to an assessment, by whom and when: started, saved, submitted, returned,
    confirmed, actions generated. Only ever added to."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=32)
    detail = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]


class Rag(models.TextChoices):
    RED = "red", _("Red: off track")
    AMBER = "amber", _("Amber: at risk")
    GREEN = "green", _("Green: on track")
    COMPLETE = "complete", _("Complete")


class ActionQuerySet(models.QuerySet["Action"]):
    def overdue(self, today: date) -> ActionQuerySet:
        """Not complete and due before `today`: the rule that turns an action red."""
        return self.exclude(rag=Rag.COMPLETE).filter(due_on__lt=today)

    def public(self) -> ActionQuerySet:
        return self.filter(is_public=True)


class Action(models.Model):
    """One action of the live action plan. Made from a gap (an assessment's question below the
    target level) by `services.generate_actions`; its status moves by dated updates."""

    service_area = models.ForeignKey(
        "catalogue.ServiceArea", on_delete=models.PROTECT, related_name="readiness_actions"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    framework = models.CharField(max_length=100)
    strand_key = models.CharField(max_length=100)
    question_key = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    next_step = models.TextField()
    from_level = models.PositiveSmallIntegerField()
    to_level = models.PositiveSmallIntegerField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    rag = models.CharField(max_length=16, choices=Rag.choices, default=Rag.GREEN)
    evidence = models.TextField(blank=True)
    measure_keys = models.JSONField(default=list, blank=True)
    # Shown on the public plan (title, due date and status only, never a name).
    is_public = models.BooleanField(default=True)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            # generate_actions twice makes no second action for the same gap.
            models.UniqueConstraint(
                fields=["assessment", "question_key"], name="readiness_one_action_per_gap"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.rag != Rag.COMPLETE and self.due_on < today

    def rag_on(self, today: date) -> str:
        """The status shown: red once overdue, whatever was last recorded."""
        return Rag.RED if self.is_overdue(today) else self.rag


class ActionUpdate(models.Model):
    """A dated note on an action by the person who wrote it, with the status it set."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField()
    rag = models.CharField(max_length=16, choices=Rag.choices)
    evidence = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True)  # a new due date set by this update

    class Meta:
        ordering = ["-at", "-pk"]
