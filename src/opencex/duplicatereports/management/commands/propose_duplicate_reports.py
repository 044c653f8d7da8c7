"""`opencex propose_duplicate_reports`: the daily sweep over open reports for duplicates."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from opencex.jobs.daily import DailyJobCommand, schedule_daily

AT = time(6, 15)


class Command(DailyJobCommand):
    help = "Propose open reports that look like the same job (the daily sweep)."
    what = "The duplicate reports sweep"

    def run_now(self, today: date | None) -> str:
        from opencex.duplicatereports.services import sweep

        now = (
            timezone.make_aware(datetime.combine(today, time(23, 59))) if today else timezone.now()
        )
        return f"Proposed {sweep(now=now)} reports as possibly the same job as another."

    def schedule(self) -> datetime | None:
        from opencex.duplicatereports.tasks import sweep_open_reports

        return schedule_daily(sweep_open_reports, AT)
