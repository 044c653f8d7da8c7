"""Daily booking jobs: open the coming slots and give back lapsed holds."""

from __future__ import annotations

from datetime import time

from django_tasks import task

from opencex.bookings.services import release_lapsed_holds
from opencex.bookings.slots import open_slots
from opencex.jobs import daily

DAILY_AT = time(2, 30)


@task()
def open_slots_every_day() -> int:
    try:
        made = open_slots()
        release_lapsed_holds()
    finally:
        daily.queue_next_run(open_slots_every_day, DAILY_AT)
    return made


def schedule_every_day():
    return daily.schedule_daily(open_slots_every_day, DAILY_AT)
