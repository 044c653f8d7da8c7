"""`opencex send_bin_reminders`: remind subscribers of tomorrow's bin collection."""

from __future__ import annotations

from datetime import date, datetime

from opencex.bincollections import reminders
from opencex.jobs.daily import DailyJobCommand


class Command(DailyJobCommand):
    help = (
        "Remind every confirmed subscriber whose bin collection is tomorrow, by email or text "
        "message. Safe to run often: each subscription gets one reminder per collection date. "
        "With --every-day, instead queue a daily job that the worker runs each evening at the "
        "bin collections file's reminders_at (run it once after deploying)."
    )
    what = "The bin collection reminders"

    def run_now(self, today: date | None) -> str:
        return str(reminders.send_bin_reminders(today))

    def schedule(self) -> datetime | None:
        return reminders.schedule_every_day()
