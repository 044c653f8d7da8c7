"""The insight app's own tables: the targets the council sets for its headline measures, and
the daily rollups of the busiest counts.

Targets: a target is never changed: a new one for the same measure supersedes it from its own
start, so the history of targets is the table.

Rollups: daily rollups of the busiest counts, so that a year's figures add up a few thousand rows
instead of counting millions (docs/insight-scale.md).

On PostgreSQL, triggers on the counted tables keep each rollup exactly equal to a recount in the
same transaction as every insert, update and delete (migration 0002); `opencex
rebuild_insight_rollups` recounts them from scratch after a bulk load made without the triggers.
Elsewhere (SQLite) the tables stay empty and the figures count the rows themselves. A missing
service, team or stage is 0 in a rollup, so that one row stands for each combination.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opencex.audit.records import AuditQuerySet, AuditRecord
from opencex.insight.granularity import Granularity


class Target(AuditRecord):
    """What a measure (`measure_key`, from `insight.measures`) should reach in each month, quarter
    or year from `applies_from` (the first day of one), who set it, when and why. An audit
    record: append-only, in the database too (`audit.protection`)."""

    measure_key = models.SlugField(max_length=64)
    granularity = models.CharField(max_length=8, choices=Granularity.choices)
    applies_from = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=500)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["measure_key", "granularity", "-applies_from", "-set_at", "-pk"]
        indexes = [models.Index(fields=["measure_key", "granularity", "applies_from"])]

    def __str__(self) -> str:
        return f"{self.measure_key}: {self.value} a {self.granularity} from {self.applies_from}"


class CasesReceivedDay(models.Model):
    """Cases received on a day (London date of receipt), by kind, stage, channel, service and
    team as they are now."""

    day = models.DateField()
    kind = models.CharField(max_length=24)
    stage = models.PositiveSmallIntegerField()  # 0: not a complaint
    channel = models.CharField(max_length=16)
    service_id = models.BigIntegerField()  # 0: none
    team_id = models.BigIntegerField()  # 0: none
    cases = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "stage", "channel", "service_id", "team_id"],
                name="one_cases_received_row_per_day_and_group",
            )
        ]


class CasesFinishedDay(models.Model):
    """Cases (not withdrawn) finished on a day: responded to, or else closed (London date), by
    kind and stage, with how many had no due date and how many were on or before it."""

    day = models.DateField()
    kind = models.CharField(max_length=24)
    stage = models.PositiveSmallIntegerField()  # 0: not a complaint
    cases = models.IntegerField(default=0)
    without_due_date = models.IntegerField(default=0)
    in_time = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "stage"], name="one_cases_finished_row_per_day_and_kind"
            )
        ]


class ContactsDay(models.Model):
    """Contacts logged on a day (London date), by channel, outcome and service."""

    day = models.DateField()
    channel = models.CharField(max_length=16)
    outcome = models.CharField(max_length=32)
    service_id = models.BigIntegerField()  # 0: none
    contacts = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "channel", "outcome", "service_id"],
                name="one_contacts_row_per_day_and_group",
            )
        ]


class CasesReceivedHour(models.Model):
    """Cases received on a day (London date of receipt) by the weekday (1 Monday to 7 Sunday)
    and hour (0 to 23) of the London moment of receipt, channel, service and team: the
    dashboards' arrival times for a year in narrow rows instead of every case."""

    day = models.DateField()
    weekday = models.PositiveSmallIntegerField()
    hour = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=16)
    service_id = models.BigIntegerField()  # 0: none
    team_id = models.BigIntegerField()  # 0: none
    cases = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "weekday", "hour", "channel", "service_id", "team_id"],
                name="one_cases_received_row_per_hour_and_group",
            )
        ]


class ContactsHour(models.Model):
    """Contacts resolved without a case (every outcome but "case opened") logged on a London
    day, by the weekday and hour of the London moment, channel and service."""

    day = models.DateField()
    weekday = models.PositiveSmallIntegerField()
    hour = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=16)
    service_id = models.BigIntegerField()  # 0: none
    contacts = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "weekday", "hour", "channel", "service_id"],
                name="one_contacts_row_per_hour_and_group",
            )
        ]


class RepeatSource(models.TextChoices):
    CASE = "c", "Case"
    CONTACT = "k", "Contact"


class RepeatMark(models.Model):
    """One case, or one contact resolved without a case, from a known resident about a service,
    and whether it came within `insight.selectors.REPEAT_WINDOW_DAYS` days (to the microsecond)
    after another from the same resident about the same service: repeat contact, judged once
    when it is written and again when an earlier one within the window is written, moved or
    deleted (the triggers of `insight.rollup_sql.install_repeats_and_hours`). No foreign keys:
    the triggers delete a mark with its case or contact."""

    source = models.CharField(max_length=1, choices=RepeatSource.choices)
    source_id = models.BigIntegerField()
    resident_id = models.BigIntegerField()
    service_id = models.BigIntegerField()
    at = models.DateTimeField()  # the case's received_at, the contact's at
    day = models.DateField()  # the London day it counts on (a case's received_on)
    repeat = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="one_repeat_mark_per_case_or_contact"
            )
        ]
        indexes = [
            models.Index(fields=["resident_id", "service_id", "at"], name="insight_repeat_lookback")
        ]


class RepeatDay(models.Model):
    """Of the marks of a London day and service: how many, and how many were repeats."""

    day = models.DateField()
    service_id = models.BigIntegerField()
    counted = models.IntegerField(default=0)
    repeats = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "service_id"], name="one_repeat_row_per_day_and_service"
            )
        ]
