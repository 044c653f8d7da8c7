"""`opencex send_survey_reminders`: the daily survey job (after-case invitations, reminders)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from opencex.jobs.daily import DailyJobCommand
from opencex.surveys import services, tasks


class Command(DailyJobCommand):
    help = (
        "Invite the residents whose case closed to the open after-case surveys, and send one "
        "reminder for each survey invitation not answered after the council's reminder days. "
        "Safe to run often: one invitation per case, one reminder per invitation. With "
        "--every-day, instead queue the daily job for the worker (run it once after deploying)."
    )
    what = "The daily survey job"

    def run_now(self, today: date | None) -> str:
        now = None
        if today is not None:
            now = timezone.make_aware(datetime.combine(today, tasks.RUNS_AT))
        return str(services.run_daily(now=now))

    def schedule(self) -> datetime | None:
        return tasks.schedule_every_day()
