"""Daily rollups of the busiest counts, so that a year's figures add up a few thousand rows
instead of counting millions (docs/insight-scale.md).

On PostgreSQL, triggers on the counted tables keep each rollup exactly equal to a recount in the
same transaction as every insert, update and delete (migration 0002); `opencex
rebuild_insight_rollups` recounts them from scratch after a bulk load made without the triggers.
Elsewhere (SQLite) the tables stay empty and the figures count the rows themselves. A missing
service, team or stage is 0 in a rollup, so that one row stands for each combination.
"""

from django.db import models


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
