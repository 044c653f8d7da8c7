"""Whole calendar months, quarters and years: the periods a measure's trend and its targets are
counted in (the council's financial quarters start on the same days as the calendar's)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from opencex.insight.periods import Period


class Granularity(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


_MONTHS = {Granularity.MONTH: 1, Granularity.QUARTER: 3, Granularity.YEAR: 12}


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def start_of(granularity: str, day: date) -> date:
    """The first day of the month, quarter or year `day` falls in."""
    length = _MONTHS[Granularity(granularity)]
    return date(day.year, (day.month - 1) // length * length + 1, 1)


def period_containing(granularity: str, day: date) -> Period:
    """The whole month, quarter or year `day` falls in."""
    start = start_of(granularity, day)
    after = _add_months(start, _MONTHS[Granularity(granularity)])
    return Period(start, after - timedelta(days=1))


def last_complete(granularity: str, today: date) -> Period:
    """The latest whole month, quarter or year that ended before `today`."""
    return period_containing(granularity, start_of(granularity, today) - timedelta(days=1))


def periods_between(granularity: str, start: date, end: date) -> list[Period]:
    """Every whole month, quarter or year from the one holding `start` to the one holding `end`,
    oldest first."""
    found = []
    day = start_of(granularity, start)
    while day <= end:
        period = period_containing(granularity, day)
        found.append(period)
        day = period.end + timedelta(days=1)
    return found


def last_periods(granularity: str, today: date, count: int) -> list[Period]:
    """The `count` whole months, quarters or years that ended before `today`, oldest first."""
    latest = last_complete(granularity, today)
    first = latest.start
    for _step in range(count - 1):
        first = start_of(granularity, first - timedelta(days=1))
    return periods_between(granularity, first, latest.end)


def granularity_of(period: Period) -> str | None:
    """The granularity `period` is exactly one of (the smallest that fits), else None."""
    for granularity in Granularity:
        if period_containing(granularity, period.start) == period:
            return granularity.value
    return None
