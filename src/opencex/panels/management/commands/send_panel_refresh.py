"""`opencex send_panel_refresh`: the panels' yearly "are you still happy to be on the panel?"."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from opencex.jobs.daily import DailyJobCommand
from opencex.panels import refresh


class Command(DailyJobCommand):
    help = (
        "Ask panel members whose last confirmation is a year old whether they are still happy "
        "to be on the panel, and remove (with their data) those who did not answer in time; "
        "safe to run often. With --every-day, queue the daily job the worker runs instead."
    )
    what = "The panels' yearly refresh"

    def run_now(self, today: date | None) -> str:
        now = timezone.make_aware(datetime.combine(today, time(12))) if today else None
        asked, removed = refresh.send_panel_refresh(now)
        return f"Asked {asked} panel member(s) if still happy; removed {removed}."

    def schedule(self) -> datetime | None:
        return refresh.schedule_every_day()
