"""Calendars of working days in the UK nations, from which every deadline is counted."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

UK_TIME_ZONE = ZoneInfo("Europe/London")

# The `holidays` package's subdivisions of GB, in the order people name the nations.
NATIONS: Mapping[str, str] = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}
UK_WIDE = ("ENG", "WLS", "SCT", "NIR")
COUNCIL_CLOSURE = "Council closure day"

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


class DateRange(NamedTuple):
    """A run of days from `start` to `end`, both days included."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@lru_cache(maxsize=512)
def _bank_holidays(subdivision: str, year: int) -> Mapping[date, tuple[str, ...]]:
    """One nation's bank holidays in one year, each day's names split apart."""
    found = holidays.country_holidays("GB", subdiv=subdivision, years=year)
    named = {day: tuple(name.split("; ")) for day, name in found.items()}
    # FOIA s10(6) names these two whatever the bank holiday Acts say, so never rely on a package.
    for day, name in (
        (easter(year) - 2 * _ONE_DAY, "Good Friday"),
        (date(year, 12, 25), "Christmas Day"),
    ):
        if name not in named.get(day, ()):
            named[day] = (*named.get(day, ()), name)
    return MappingProxyType(named)


@lru_cache(maxsize=512)
def _holidays_in_year(subdivisions: tuple[str, ...], year: int) -> Mapping[date, str]:
    """The union of the nations' holidays, a name naming its nations unless all keep it."""
    kept_by: dict[date, dict[str, list[str]]] = {}
    for subdivision in subdivisions:
        for day, names in _bank_holidays(subdivision, year).items():
            for name in names:
                kept_by.setdefault(day, {}).setdefault(name, []).append(subdivision)
    return MappingProxyType(
        {
            day: "; ".join(
                name if len(where) == len(subdivisions) else f"{name} ({_list_nations(where)})"
                for name, where in names.items()
            )
            for day, names in sorted(kept_by.items())
        }
    )


def _list_nations(subdivisions: Sequence[str]) -> str:
    names = [NATIONS[code] for code in subdivisions]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _check_subdivisions(subdivisions: Iterable[str]) -> tuple[str, ...]:
    given = tuple(subdivisions)
    if isinstance(subdivisions, str) or not given:
        raise ValueError(
            f"Give the holiday region as a list of nation codes, not {subdivisions!r}: "
            "one or more of ENG (England), WLS (Wales), SCT (Scotland), NIR (Northern Ireland)."
        )
    unknown = [code for code in given if code not in NATIONS]
    if unknown:
        raise ValueError(
            f"Unknown holiday region code {', '.join(map(repr, unknown))}: "
            "use ENG (England), WLS (Wales), SCT (Scotland) or NIR (Northern Ireland)."
        )
    return tuple(code for code in NATIONS if code in given)


@dataclass(frozen=True)
class WorkingDayCalendar:
    """The working days of some UK nations: not a weekend, bank holiday or council closure."""

    subdivisions: tuple[str, ...]
    closures: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "subdivisions", _check_subdivisions(self.subdivisions))
        object.__setattr__(self, "closures", frozenset(self.closures))

    @property
    def is_uk_wide(self) -> bool:
        return self.subdivisions == UK_WIDE

    @property
    def name(self) -> str:
        """How a caseworker would say which calendar this is, e.g. "England and Wales"."""
        return "UK-wide" if self.is_uk_wide else _list_nations(self.subdivisions)

    def without_closures(self) -> WorkingDayCalendar:
        """The same nations' calendar with no council closures: the one statutory clocks use."""
        return replace(self, closures=frozenset()) if self.closures else self

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() < _SATURDAY
            and day not in _holidays_in_year(self.subdivisions, day.year)
            and day not in self.closures
        )

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """The weekdays from `start` to `end` (both included) that are holidays or closures."""
        found: list[tuple[date, str]] = []
        for year in range(start.year, end.year + 1):
            for day, name in _holidays_in_year(self.subdivisions, year).items():
                if start <= day <= end and day.weekday() < _SATURDAY:
                    found.append((day, name))
        taken = {day for day, _ in found}
        found += [
            (day, COUNCIL_CLOSURE)
            for day in self.closures
            if start <= day <= end and day.weekday() < _SATURDAY and day not in taken
        ]
        return sorted(found)

    def next_working_day_on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, start: date, n: int, *, excluded: Sequence[DateRange] = ()) -> date:
        """The n-th working day following `start`, which is day 0.

        Working days inside any of the `excluded` ranges (both ends included) do not count.
        """
        if n < 1:
            raise ValueError(f"Count at least one working day, not {n}.")
        ranges = [DateRange(*r) for r in excluded]
        counted = 0
        for day in self._days_after(start):
            if self.is_working_day(day) and not any(day in r for r in ranges):
                counted += 1
                if counted == n:
                    return day
        raise AssertionError("unreachable: the days after a date never run out")

    def working_days_between(
        self, start: date, end: date, *, excluded: Sequence[DateRange] = ()
    ) -> int:
        """How many working days d there are with start < d <= end, outside `excluded`."""
        ranges = [DateRange(*r) for r in excluded]
        count = 0
        for day in self._days_after(start):
            if day > end:
                break
            if self.is_working_day(day) and not any(day in r for r in ranges):
                count += 1
        return count

    @staticmethod
    def _days_after(start: date) -> Iterator[date]:
        day = start
        while True:
            day += _ONE_DAY
            yield day


@lru_cache(maxsize=1)
def uk_wide_calendar() -> WorkingDayCalendar:
    """Working days for FOI and EIR: a bank holiday anywhere in the UK stops the count."""
    return WorkingDayCalendar(UK_WIDE)


def regional_calendar(
    subdivisions: Sequence[str], closures: Iterable[date] = ()
) -> WorkingDayCalendar:
    """The council's own nations' calendar; `closures` are for service standards only."""
    return WorkingDayCalendar(_check_subdivisions(subdivisions), frozenset(closures))


def received_on(moment: datetime) -> date:
    """The date of receipt of something that arrived at `moment`: its date in UK local time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"Cannot tell the date of receipt of {moment.isoformat()}: it has no time zone."
        )
    return moment.astimezone(UK_TIME_ZONE).date()
