"""`opencex open_booking_slots`: open the slots of the bookings file for the coming weeks."""

from __future__ import annotations

from datetime import date, datetime

from opencex.bookings import tasks
from opencex.bookings.services import release_lapsed_holds
from opencex.bookings.slots import open_slots
from opencex.jobs.daily import DailyJobCommand


class Command(DailyJobCommand):
    help = (
        "Open the slots the bookings file offers up to each service's booking window, and give "
        "back holds whose time to pay ran out. Safe to run often. With --every-day, instead "
        "queue a daily job that the worker runs each night."
    )
    what = "The daily booking slots"

    def run_now(self, today: date | None) -> str:
        made = open_slots(today)
        released = release_lapsed_holds()
        return f"Opened {made} slot(s); gave back {released} lapsed hold(s)."

    def schedule(self) -> datetime | None:
        return tasks.schedule_every_day()
