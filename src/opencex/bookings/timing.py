"""When a slot may be booked, cancelled with a refund, or moved: the cut-off (the end of the
council's working day before, or some hours before the start), the window a collection must fall
in, and the refund a cancellation gives. Uses the council's working-day calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from opencex.bookings.config import Bookable, Collection, bookings_config
from opencex.clocks.calendars import WorkingDayCalendar
from opencex.council.calendar import council_calendar


def previous_working_day(day: date, calendar: WorkingDayCalendar) -> date:
    earlier = day - timedelta(days=1)
    while not calendar.is_working_day(earlier):
        earlier -= timedelta(days=1)
    return earlier


def cut_off(
    bookable: Bookable, starts_at: datetime, *, calendar: WorkingDayCalendar | None = None
) -> datetime:
    """The last moment a slot starting at `starts_at` may be booked, moved, or cancelled under the
    "before the cut-off" refund."""
    rules = bookable.rules
    if rules.cut_off == "hours_before":
        return starts_at - timedelta(hours=rules.cut_off_hours)
    day = timezone.localtime(starts_at).date()
    before = previous_working_day(day, calendar or council_calendar())
    return timezone.make_aware(datetime.combine(before, bookings_config().working_day_ends))


def is_before_cut_off(bookable: Bookable, starts_at: datetime, now: datetime | None = None) -> bool:
    return (now or timezone.now()) < cut_off(bookable, starts_at)


def booking_window(bookable: Bookable, today: date) -> tuple[date, date]:
    """The first and last day a resident may book today: for a collection, the days up to
    `window_days` after today (we collect within that many days); else `weeks_ahead` weeks."""
    if isinstance(bookable, Collection):
        return today + timedelta(days=1), today + timedelta(days=bookable.window_days)
    return today + timedelta(days=1), today + timedelta(weeks=bookable.weeks_ahead)  # type: ignore[attr-defined]


def refund_on_cancelling(
    bookable: Bookable, *, price_pence: int, deposit_pence: int, starts_at: datetime, now: datetime
) -> int:
    """What a cancellation gives back: the rule's share of the price, and the deposit in full
    (nothing was used)."""
    rules = bookable.rules
    percent = (
        rules.refund_percent_before_cut_off
        if now < cut_off(bookable, starts_at)
        else rules.refund_percent_after_cut_off
    )
    return price_pence * percent // 100 + deposit_pence
