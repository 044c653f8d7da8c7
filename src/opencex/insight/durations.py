"""How long a complaint stage or an information request took to answer, counted in the days its
own clock counts: working days in the clock's calendar, and calendar days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from opencex.cases.models import CaseKind
from opencex.clocks.calendars import DateRange, WorkingDayCalendar, uk_wide_calendar
from opencex.clocks.rules import RULES, CalendarScope, DeadlineKind
from opencex.council.calendar import council_calendar

# The rule whose calendar each kind's clock counts in (clocks.rules is the one place that says
# which is UK-wide): FOI, EIR and internal reviews the whole UK's, the rest the council's own.
_RULE_OF_KIND = {
    CaseKind.FOI: DeadlineKind.FOI,
    CaseKind.EIR: DeadlineKind.EIR,
    CaseKind.FOI_INTERNAL_REVIEW: DeadlineKind.FOI_INTERNAL_REVIEW,
    CaseKind.SAR: DeadlineKind.SAR,
    CaseKind.COMPLAINT: DeadlineKind.COMPLAINT_STAGE1_RESPONSE,
}


def clock_calendar(kind: str) -> WorkingDayCalendar:
    """The working days `kind`'s clock counts: council closure days never stop a statutory
    clock, so they are left out here too."""
    if RULES[_RULE_OF_KIND[CaseKind(kind)]].calendar is CalendarScope.UK_WIDE:
        return uk_wide_calendar()
    return council_calendar().without_closures()


class WorkingDaysTaken:
    """Working days after `start` (day 0) up to and including `end`, outside `stopped` days,
    in one calendar: an answer on the 20th working day of an FOI clock took 20.

    With nothing stopped, this is a difference of two running counts of the calendar's working
    days (worked out once a year, and each day's looked up once: a year's tens of thousands of
    answers fall on a few hundred days), so each answer costs two dictionary look-ups;
    `calendar.working_days_between` counts the same days one by one."""

    def __init__(self, calendar: WorkingDayCalendar) -> None:
        self.calendar = calendar
        self._counts: dict[date, int] = {}

    def __call__(self, start: date, end: date, stopped: Sequence[DateRange] = ()) -> int:
        if stopped:
            return self.calendar.working_days_between(start, end, excluded=stopped)
        if end <= start:
            return 0
        return self._count_to(end) - self._count_to(start)

    def _count_to(self, day: date) -> int:
        count = self._counts.get(day)
        if count is None:
            count = self._counts[day] = _working_days_to(self.calendar, day)
        return count


def _working_days_to(calendar: WorkingDayCalendar, day: date) -> int:
    """The calendar's working days from 1 January 2000 up to and including `day` (negative
    before then): only differences of two of these mean anything."""
    return (
        _before_year(calendar, day.year)
        + _running_count(calendar, day.year)[day.timetuple().tm_yday]
    )


@lru_cache(maxsize=256)
def _before_year(calendar: WorkingDayCalendar, year: int) -> int:
    """The working days from 1 January 2000 to the end of the year before `year`."""
    if year >= _EPOCH_YEAR:
        return sum(_running_count(calendar, y)[-1] for y in range(_EPOCH_YEAR, year))
    return -sum(_running_count(calendar, y)[-1] for y in range(year, _EPOCH_YEAR))


_EPOCH_YEAR = 2000


@lru_cache(maxsize=256)
def _running_count(calendar: WorkingDayCalendar, year: int) -> tuple[int, ...]:
    """counts[n]: the working days among the year's first n days (counts[0] is 0)."""
    counts = [0]
    day = date(year, 1, 1)
    while day.year == year:
        counts.append(counts[-1] + calendar.is_working_day(day))
        day += timedelta(days=1)
    return tuple(counts)


def calendar_days_taken(start: date, end: date, stopped: Sequence[DateRange] = ()) -> int:
    """Days after `start` (day 0) up to and including `end`, outside `stopped` days."""
    days = (end - start).days
    for span in stopped:
        first, last = max(span.start, start + timedelta(days=1)), min(span.end, end)
        days -= max(0, (last - first).days + 1)
    return days
