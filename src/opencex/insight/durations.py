"""How long a complaint stage or an information request took to answer, counted in the days its
own clock counts: working days in the clock's calendar, and calendar days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

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


def working_days_taken(
    calendar: WorkingDayCalendar, start: date, end: date, stopped: Sequence[DateRange] = ()
) -> int:
    """Working days after `start` (day 0) up to and including `end`, outside `stopped` days:
    an answer on the 20th working day of an FOI clock took 20."""
    return calendar.working_days_between(start, end, excluded=stopped)


def calendar_days_taken(start: date, end: date, stopped: Sequence[DateRange] = ()) -> int:
    """Days after `start` (day 0) up to and including `end`, outside `stopped` days."""
    days = (end - start).days
    for span in stopped:
        first, last = max(span.start, start + timedelta(days=1)), min(span.end, end)
        days -= max(0, (last - first).days + 1)
    return days
