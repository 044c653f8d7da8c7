"""`opencex send_support_review_reminders`: tell officers of the support needs due for review."""

from __future__ import annotations

from datetime import date, datetime

from opencex.jobs.daily import DailyJobCommand
from opencex.people import review_reminders


class Command(DailyJobCommand):
    help = (
        "Tell the officer who recorded each support need, or its team, that its review is due "
        "within two weeks; once per review date, so safe to run often. With --every-day, queue "
        "the daily job that the worker runs each morning instead."
    )
    what = "The support-need review reminders"

    def run_now(self, today: date | None) -> str:
        done = review_reminders.send_support_review_reminders(today)
        return f"Reminded {done} support-need review(s) due."

    def schedule(self) -> datetime | None:
        return review_reminders.schedule_every_day()
