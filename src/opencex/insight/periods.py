"""The periods a report covers (this week, the last 4 weeks, this month, this quarter, or chosen
dates), as days in the council's local time."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included, in London time (the date a case is received)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def starts_at(self) -> datetime:
        """The first moment of the period."""
        return _midnight(self.start)

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period (a clock change makes a day 23 or 25 hours)."""
        return _midnight(self.end + timedelta(days=1))

    def previous(self) -> Period:
        """The same number of days just before, starting on the same day of the week.

        Demand differs by weekday (the desks are shut at weekends), so comparing Monday to
        Wednesday with the Friday to Sunday before would show a shift that is only the calendar.
        A period of whole weeks is compared with the weeks immediately before it.
        """
        shift = timedelta(weeks=math.ceil(self.days / 7))
        return Period(self.start - shift, self.end - shift)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def this_week(today: date) -> Period:
    """Monday to today."""
    return Period(today - timedelta(days=today.weekday()), today)


def last_four_weeks(today: date) -> Period:
    """The 28 days ending today."""
    return Period(today - timedelta(days=27), today)


def this_month(today: date) -> Period:
    """From the first of the month to today."""
    return Period(today.replace(day=1), today)


def this_quarter(today: date) -> Period:
    """From the first day of the council's quarter (insight.granularity: three months from the
    month its reporting year starts in) to today."""
    from opencex.insight.granularity import Granularity, so_far  # it builds on Period

    return so_far(Granularity.QUARTER, today)
