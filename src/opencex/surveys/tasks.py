"""The daily survey job (thin: services.run_daily does the work)."""

from __future__ import annotations

from datetime import datetime, time

from django_tasks import task

from opencex.jobs import daily
from opencex.surveys import services

RUNS_AT = time(10, 0)  # mid-morning: messages arrive when people are up, not at night


@task()
def run_surveys_every_day() -> str:
    """Today's after-case invitations and reminders, then the same job for tomorrow (even if
    today's failed: one bad day must not stop the daily run)."""
    try:
        return str(services.run_daily())
    finally:
        daily.queue_next_run(run_surveys_every_day, RUNS_AT)


def schedule_every_day() -> datetime | None:
    return daily.schedule_daily(run_surveys_every_day, RUNS_AT)
