"""`opencex lapse_unpaid_fees`: lapse FOI requests whose fee was not paid within three months."""

from __future__ import annotations

from datetime import date, datetime

from opencex.inforights import lapsing
from opencex.jobs.daily import DailyJobCommand


class Command(DailyJobCommand):
    help = (
        "Lapse FOI requests whose fees notice has gone unpaid for three months (FOIA s9(2)) and "
        "tell the requesters. Safe to run often. With --every-day, instead queue a daily job "
        "that the worker runs each morning (run it once after deploying)."
    )
    what = "The daily lapse run"

    def run_now(self, today: date | None) -> str:
        return f"Lapsed {lapsing.lapse_unpaid_fees(today)} request(s)."

    def schedule(self) -> datetime | None:
        return lapsing.schedule_every_day()
