"""Whole months, quarters and years: the periods a measure's trend and its targets are counted in.

This is the one place their bounds are defined. The year is the council's reporting year, which
starts in the month its profile names (`[reporting] year_starts_in`: 4 for the financial year
from April to March); its quarters are three months each from that month (Q1 of an April year is
April to June). The reports' "this quarter" (insight.periods), the dashboards' months and the
equality page's whole quarters and years all ask here."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.insight.periods import Period


class Granularity(models.TextChoices):
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    YEAR = "year", gettext_lazy("Year")


_MONTHS = {Granularity.MONTH: 1, Granularity.QUARTER: 3, Granularity.YEAR: 12}


def year_starts_in() -> int:
    """The month (1 to 12) the council's reporting year starts in."""
    return settings.COUNCIL_PROFILE.reporting.year_starts_in


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def start_of(granularity: str, day: date) -> date:
    """The first day of the month, quarter or year `day` falls in."""
    length = _MONTHS[Granularity(granularity)]
    offset = year_starts_in() - 1
    index = day.year * 12 + day.month - 1 - offset
    index = index // length * length + offset
    return date(index // 12, index % 12 + 1, 1)


def period_containing(granularity: str, day: date) -> Period:
    """The whole month, quarter or year `day` falls in."""
    start = start_of(granularity, day)
    after = add_months(start, _MONTHS[Granularity(granularity)])
    return Period(start, after - timedelta(days=1))


def so_far(granularity: str, today: date) -> Period:
    """From the first day of the month, quarter or year `today` falls in, to today."""
    return Period(start_of(granularity, today), today)


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


def year_name(period: Period) -> str:
    """The reporting year's name: "2026 to 2027" for a year across two calendar years (as the
    financial year is said), "2026" for a calendar year."""
    year = period_containing(Granularity.YEAR, period.start)
    if year.start.year == year.end.year:
        return str(year.start.year)
    return _("%(first)s to %(last)s") % {"first": year.start.year, "last": year.end.year}


def period_name(period: Period) -> str:
    """A whole month ("April 2026"), quarter ("April to June 2026") or year ("2026 to 2027") in
    words; other periods from their first to last day."""
    granularity = granularity_of(period)
    if granularity == Granularity.MONTH:
        return f"{MONTHS[period.start.month]} {period.start.year}"
    if granularity == Granularity.QUARTER:
        return _("%(first)s to %(last)s %(year)s") % {
            "first": MONTHS[period.start.month],
            "last": MONTHS[period.end.month],
            "year": period.end.year,
        }
    if granularity == Granularity.YEAR:
        return year_name(period)
    return _("%(first)s to %(last)s") % {
        "first": period.start.isoformat(),
        "last": period.end.isoformat(),
    }
