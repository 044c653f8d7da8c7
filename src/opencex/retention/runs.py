"""Applying the retention schedule: the report of what it would remove (a dry run, which writes
nothing) or removed, the record of each real run for information governance, and the daily job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import task

from opencex.jobs import daily
from opencex.people.models import Resident
from opencex.retention import reviews
from opencex.retention.models import RetentionRun
from opencex.retention.schedules import (
    CaseSchedule,
    ResidentSchedule,
    ScheduleLine,
    all_schedules,
)

logger = logging.getLogger(__name__)

DAILY_AT = time(2, 30)  # London time, when nobody is working cases


@dataclass(frozen=True)
class RetentionReport:
    today: date
    dry_run: bool
    lines: list[ScheduleLine]

    @property
    def total(self) -> int:
        return sum(line.count for line in self.lines)

    def __str__(self) -> str:
        verb = "Would remove" if self.dry_run else "Removed"
        rows = [
            f"Retention schedule as of {self.today:%Y-%m-%d}"
            + (" (dry run)" if self.dry_run else "")
        ]
        for line in self.lines:
            oldest = f", oldest {line.oldest:%Y-%m-%d}" if line.oldest else ""
            held = f"; {line.held} kept for a linked case" if line.held else ""
            rows.append(f"  {line.label} ({line.rule}): {line.count} {line.action}{oldest}{held}")
        rows.append(f"{verb} {self.total} in all.")
        return "\n".join(rows)


def apply_retention(
    today: date | None = None, *, dry_run: bool = False, by=None
) -> RetentionReport:
    """Anonymise or delete everything whose time is up by `today` and make the review tasks that
    are due, or with `dry_run` only say what that would be, writing nothing."""
    today = today or timezone.localdate()
    if dry_run:
        lines = _would_remove(today)
    else:
        lines = [schedule.apply(today) for schedule in all_schedules()]
        lines.append(reviews.create_due_reviews(today))
    report = RetentionReport(today, dry_run, lines)
    if not dry_run:
        RetentionRun.objects.create(
            ran_at=timezone.now(),
            today=today,
            by=by,
            report=[line.as_json() for line in lines],
        )
        logger.info("Retention schedule applied as of %s: %s removed", today, report.total)
    return report


def _would_remove(today: date) -> list[ScheduleLine]:
    """What a real run would remove, touching nothing: the cases that would go are counted as
    gone for the residents after them, as a real run anonymises them first."""
    going = Q(pk__in=[])
    lines = []
    residents_going: QuerySet[Resident] = Resident.objects.none()
    for schedule in all_schedules():
        if isinstance(schedule, CaseSchedule):
            held = schedule.held(today)  # reads every expired case's links: once
            lines.append(schedule.line(today, held=held))
            going |= schedule.is_expired(today) & ~Q(pk__in=held)
            continue
        lines.append(schedule.line(today, going=going))
        if isinstance(schedule, ResidentSchedule):
            residents_going = schedule.expired(today, going=going)
    # A resident anonymised today has no special-category data left to review.
    lines.append(reviews.create_due_reviews(today, dry_run=True, besides=residents_going))
    return lines


@task()
def apply_retention_every_day() -> int:
    """Apply today's schedule, then queue the same job for tomorrow night (even if today's
    failed: one bad night must not stop retention for good)."""
    try:
        return apply_retention().total
    finally:
        daily.queue_next_run(apply_retention_every_day, DAILY_AT)


def schedule_every_day() -> datetime | None:
    """Start the daily run; None if it is already scheduled, so a second start is a no-op."""
    return daily.schedule_daily(apply_retention_every_day, DAILY_AT)
