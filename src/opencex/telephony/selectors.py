"""The contact centre's call measures for a period: per line and overall, by hour of the day and
by day, computed in the database from the hourly figures. The vulnerable residents line is kept
apart: the general figures never include it unless asked to.

Every rate gives its numerator and denominator; an average gives its total and its count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from opencex.telephony.models import CallInterval, TelephonyLine

if TYPE_CHECKING:
    from opencex.insight.periods import Period

_SUMS = (
    "offered",
    "answered",
    "abandoned",
    "answered_in_target",
    "wait_seconds",
    "handling_seconds",
)


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        """A share from 0 to 1; None when there is nothing to divide by."""
        return self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True)
class Average:
    total: int
    count: int

    @property
    def value(self) -> float | None:
        return self.total / self.count if self.count else None


@dataclass(frozen=True)
class CallFigures:
    """The calls of one line (or of several) in a period, an hour of the day or a day."""

    label: str
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    answered_in_target: int = 0
    wait_seconds: int = 0
    handling_seconds: int = 0

    @property
    def answer_rate(self) -> Rate:
        return Rate(self.answered, self.offered)

    @property
    def abandonment_rate(self) -> Rate:
        return Rate(self.abandoned, self.offered)

    @property
    def service_level(self) -> Rate:
        """Calls answered within the line's target, of the calls offered: a call abandoned
        counts against it, as a caller who gave up was not answered in time."""
        return Rate(self.answered_in_target, self.offered)

    @property
    def average_speed_of_answer(self) -> Average:
        """Seconds an answered call waited, on average."""
        return Average(self.wait_seconds, self.answered)

    @property
    def average_handling_time(self) -> Average:
        """Seconds of talk and wrap-up per answered call, on average."""
        return Average(self.handling_seconds, self.answered)


@dataclass(frozen=True)
class LineFigures:
    line: TelephonyLine
    figures: CallFigures


@dataclass(frozen=True)
class DayFigures:
    day: date
    figures: CallFigures


@dataclass(frozen=True)
class HourFigures:
    hour: int  # 0 to 23, the council's local time
    figures: CallFigures


@dataclass(frozen=True)
class TelephonyReport:
    """What the telephony page shows: the general lines together, the vulnerable residents line
    on its own, each line, and the general lines by hour of the day and by day."""

    general: CallFigures
    vulnerable: CallFigures | None
    by_line: list[LineFigures]
    by_hour: list[HourFigures]
    by_day: list[DayFigures]


def _in_period(period: Period, *, include_vulnerable_line: bool = False) -> QuerySet:
    intervals = CallInterval.objects.filter(
        starts_at__gte=period.starts_at, starts_at__lt=period.ends_before
    )
    if not include_vulnerable_line:
        intervals = intervals.filter(line__is_vulnerable_residents_line=False)
    return intervals


def _sums(intervals: QuerySet) -> dict:
    return intervals.aggregate(**{name: Sum(name) for name in _SUMS}, intervals=Count("pk"))


def _figures(label: str, sums: dict) -> CallFigures:
    return CallFigures(label, **{name: sums.get(name) or 0 for name in _SUMS})


def overall_figures(period: Period, *, include_vulnerable_line: bool = False) -> CallFigures:
    """Every general line together; the vulnerable residents line only when asked."""
    label = "All lines" if include_vulnerable_line else "General lines"
    intervals = _in_period(period, include_vulnerable_line=include_vulnerable_line)
    return _figures(label, _sums(intervals))


def vulnerable_line_figures(period: Period) -> CallFigures | None:
    """The vulnerable residents line on its own; None when the council has no such line."""
    line = TelephonyLine.objects.filter(is_vulnerable_residents_line=True).first()
    if line is None:
        return None
    return line_figures(period, line).figures


def line_figures(period: Period, line: TelephonyLine) -> LineFigures:
    intervals = _in_period(period, include_vulnerable_line=True).filter(line=line)
    return LineFigures(line, _figures(line.name, _sums(intervals)))


def figures_by_line(period: Period) -> list[LineFigures]:
    """Each line on its own (the vulnerable residents line last), every line even with no calls."""
    sums = {
        row["line"]: row
        for row in _in_period(period, include_vulnerable_line=True)
        .values("line")
        .annotate(**{name: Sum(name) for name in _SUMS})
        .order_by()
    }
    return [
        LineFigures(line, _figures(line.name, sums.get(line.pk, {})))
        for line in TelephonyLine.objects.all()
    ]


def figures_by_hour(
    period: Period, *, line: TelephonyLine | None = None, include_vulnerable_line: bool = False
) -> list[HourFigures]:
    """By the hour of the day the calls came in (local time): only hours with figures."""
    intervals = _narrowed(period, line, include_vulnerable_line)
    rows = (
        intervals.annotate(hour=ExtractHour("starts_at", tzinfo=timezone.get_default_timezone()))
        .values("hour")
        .annotate(**{name: Sum(name) for name in _SUMS})
        .order_by("hour")
    )
    return [HourFigures(row["hour"], _figures(f"{row['hour']:02d}:00", row)) for row in rows]


def figures_by_day(
    period: Period, *, line: TelephonyLine | None = None, include_vulnerable_line: bool = False
) -> list[DayFigures]:
    """By the day (local time): only days with figures."""
    intervals = _narrowed(period, line, include_vulnerable_line)
    rows = (
        intervals.annotate(day=TruncDate("starts_at", tzinfo=timezone.get_default_timezone()))
        .values("day")
        .annotate(**{name: Sum(name) for name in _SUMS})
        .order_by("day")
    )
    return [DayFigures(row["day"], _figures(row["day"].isoformat(), row)) for row in rows]


def _narrowed(period: Period, line: TelephonyLine | None, include_vulnerable_line: bool):
    if line is not None:
        return _in_period(period, include_vulnerable_line=True).filter(line=line)
    return _in_period(period, include_vulnerable_line=include_vulnerable_line)


def telephony_report(period: Period) -> TelephonyReport:
    return TelephonyReport(
        general=overall_figures(period),
        vulnerable=vulnerable_line_figures(period),
        by_line=figures_by_line(period),
        by_hour=figures_by_hour(period),
        by_day=figures_by_day(period),
    )
