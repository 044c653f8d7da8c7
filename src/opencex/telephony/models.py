"""The contact centre's call figures by line and hour, as the telephony system reports them, and
each import that brought them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

# The answer targets a line is created with (an administrator changes them in the admin): the
# vulnerable residents line is answered faster than the general line.
GENERAL_ANSWER_TARGET_SECONDS = 60
VULNERABLE_ANSWER_TARGET_SECONDS = 20


class TelephonyLine(models.Model):
    """One of the council profile's phone lines, as the telephony system's queue."""

    slug = models.SlugField(max_length=64, unique=True, help_text="As contacts.lines names it.")
    name = models.CharField(max_length=200)
    number = models.CharField(max_length=40, blank=True)
    is_vulnerable_residents_line = models.BooleanField(default=False)
    answer_target_seconds = models.PositiveIntegerField(
        default=GENERAL_ANSWER_TARGET_SECONDS,
        help_text="A call answered within this many seconds meets the service level.",
    )

    class Meta:
        ordering = ["is_vulnerable_residents_line", "name"]

    def __str__(self) -> str:
        return self.name


class ImportSource(models.TextChoices):
    CSV = "csv", "CSV file"
    SYSTEM = "system", "Telephony system"
    DEMO = "demo", "Demo data"


class CallImport(models.Model):
    """One import run: how many rows it read, stored and refused, and each refusal by line."""

    source = models.CharField(max_length=16, choices=ImportSource.choices)
    file_name = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_refused = models.PositiveIntegerField(default=0)
    # [{"line": 3, "message": "..."}]
    refused = models.JSONField(default=list)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"call import {self.started_at:%Y-%m-%d %H:%M}"


class CallInterval(models.Model):
    """One line's calls in one hour. Re-importing the same line and hour replaces the row."""

    line = models.ForeignKey(TelephonyLine, on_delete=models.PROTECT, related_name="intervals")
    starts_at = models.DateTimeField(help_text="The start of the hour.")
    offered = models.PositiveIntegerField()
    answered = models.PositiveIntegerField()
    abandoned = models.PositiveIntegerField()
    answered_in_target = models.PositiveIntegerField(
        help_text="Answered within the line's answer target (the service level)."
    )
    wait_seconds = models.PositiveIntegerField(help_text="Total wait of the answered calls.")
    handling_seconds = models.PositiveIntegerField(help_text="Total talk and wrap-up time.")
    call_import = models.ForeignKey(
        CallImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="intervals"
    )

    class Meta:
        ordering = ["starts_at", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["line", "starts_at"], name="call_interval_one_per_hour"
            ),
            models.CheckConstraint(
                condition=Q(offered__gte=F("answered") + F("abandoned")),
                name="call_interval_answered_and_abandoned_within_offered",
            ),
            models.CheckConstraint(
                condition=Q(answered_in_target__lte=F("answered")),
                name="call_interval_in_target_within_answered",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"{self.line} {self.starts_at:%Y-%m-%d %H:%M}"
