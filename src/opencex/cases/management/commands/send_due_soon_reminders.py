"""`opencex send_due_soon_reminders`: remind officers of cases due soon, and tell residents once
when their request has passed its date."""

from __future__ import annotations

from datetime import date, datetime

from opencex.cases import reminders
from opencex.jobs.daily import DailyJobCommand


class Command(DailyJobCommand):
    help = (
        "Remind officers of their cases due soon, and tell residents whose request has passed "
        "its due date unresolved what they can do. Safe to run often: each case is reminded, "
        "and each resident told, once per due date. With --every-day, instead "
        "queue a daily job that the worker runs each morning (run it once after deploying)."
    )
    what = "The daily reminders"

    def run_now(self, today: date | None) -> str:
        return str(reminders.send_due_soon_reminders(today))

    def schedule(self) -> datetime | None:
        return reminders.schedule_every_day()
