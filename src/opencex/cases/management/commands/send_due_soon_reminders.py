"""`opencex send_due_soon_reminders`: tell residents whose request is about to be late."""

from __future__ import annotations

from datetime import date, datetime

from opencex.cases import reminders
from opencex.jobs.daily import DailyJobCommand


class Command(DailyJobCommand):
    help = (
        "Tell residents whose request is due within one working day the new expected date. "
        "Safe to run often: each case is told once per due date. With --every-day, instead "
        "queue a daily job that the worker runs each morning (run it once after deploying)."
    )
    what = "The daily reminders"

    def run_now(self, today: date | None) -> str:
        return f"Sent {reminders.send_due_soon_reminders(today)} reminder(s)."

    def schedule(self) -> datetime | None:
        return reminders.schedule_every_day()
