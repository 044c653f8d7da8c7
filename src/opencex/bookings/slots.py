"""Opening slots from the bookings file (a round's collection days, a room's sessions, a visit's
sessions), and the slots a resident may choose now."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from opencex.bookings import timing
from opencex.bookings.config import (
    Bookable,
    Collection,
    RoomHire,
    Visit,
    bookings_config,
    english,
)
from opencex.bookings.models import Slot
from opencex.clocks.calendars import WorkingDayCalendar
from opencex.council.calendar import council_calendar
from opencex.council.profile import WEEKDAYS


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _is_open(day: date, weekdays: Sequence[str], calendar: WorkingDayCalendar) -> bool:
    """A named weekday that is not a bank holiday or council closure (Saturdays count)."""
    weekday = WEEKDAYS[day.weekday()]
    if weekday not in weekdays:
        return False
    return day.weekday() >= 5 or calendar.is_working_day(day)


def slots_to_open(bookable: Bookable, first: date, last: date) -> Iterator[Slot]:
    calendar = council_calendar()
    if isinstance(bookable, Collection):
        for round_ in bookable.rounds:
            for day in _days(first, last):
                if _is_open(day, round_.days, calendar) and calendar.is_working_day(day):
                    yield Slot(
                        service=bookable.service,
                        resource=round_.slug,
                        session=english(round_.name),
                        day=day,
                        starts_at=_at(day, bookable.collection_from),
                        ends_at=_at(day, bookable.collection_until),
                        capacity=round_.collections_per_day,
                    )
    elif isinstance(bookable, RoomHire):
        for venue in bookable.venues:
            for day in _days(first, last):
                if not _is_open(day, venue.days, calendar):
                    continue
                for session in venue.sessions:
                    for room in venue.rooms:
                        yield Slot(
                            service=bookable.service,
                            resource=room.slug,
                            session=english(session.name),
                            day=day,
                            starts_at=_at(day, session.starts),
                            ends_at=_at(day, session.ends),
                            capacity=1,
                        )
    elif isinstance(bookable, Visit):
        for day in _days(first, last):
            if _is_open(day, bookable.days, calendar):
                for session in bookable.sessions:
                    yield Slot(
                        service=bookable.service,
                        resource=bookable.service,
                        session=english(session.name),
                        day=day,
                        starts_at=_at(day, session.starts),
                        ends_at=_at(day, session.ends),
                        capacity=bookable.people_per_session,
                    )


def open_slots(today: date | None = None) -> int:
    """Make every slot the file offers from today to the end of each service's booking window;
    returns how many were new. Idempotent: a slot that exists (one per resource and start) is
    left as it is, taken places and all."""
    today = today or timezone.localdate()
    before = Slot.objects.count()
    for bookable in bookings_config().bookables:
        _first, last = timing.booking_window(bookable, today)
        Slot.objects.bulk_create(slots_to_open(bookable, today, last), ignore_conflicts=True)
    return Slot.objects.count() - before


def bookable_slots(
    bookable: Bookable, *, units: int, resource: str = "", now: datetime | None = None
):
    """The slots a resident may choose now: in the booking window, before their cut-off, open,
    with room for `units`; for a collection, only the resident's round (`resource`)."""
    now = now or timezone.now()
    first, last = timing.booking_window(bookable, timezone.localtime(now).date())
    slots = Slot.objects.filter(
        service=bookable.service, day__gte=first, day__lte=last, is_closed=False
    ).filter(taken__lte=F("capacity") - units)
    if resource:
        slots = slots.filter(resource=resource)
    return [slot for slot in slots if now < timing.cut_off(bookable, slot.starts_at)]
