"""The days a round collects and which bins go out, with the bank holiday rule.

Weeks run Monday to Sunday. Week A is the week of `week_a_starts` and every second week after
it; the others are week B. On its usual day a round takes food waste, rubbish in its
`rubbish_week` and recycling in the other, and garden waste in its `garden_week`.

The bank holiday rule: a day off is a bank holiday on a weekday (the council's calendar, from the
`holidays` package, without the council's office closures, which crews work through) or, in the
Christmas and New Year weeks, a date the file's `christmas_and_new_year.no_collections_on` names.
A collection whose week has days off on or before its usual day moves one day later for each of
them; if that lands on a Sunday or a day off it moves on to the next day that is neither. So an
Easter Monday moves Monday to Tuesday ... Friday to Saturday, a Good Friday moves Friday to
Saturday, and Christmas Day on a Friday moves that Friday's collections past Boxing Day and the
Sunday to the Tuesday after. The bins are those of the usual day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from opencex.bincollections.config import Bin, BinsFile, Round
from opencex.clocks.calendars import WorkingDayCalendar

_ONE_DAY = timedelta(days=1)
_SUNDAY = 6


@dataclass(frozen=True)
class Collection:
    on: date  # the day the crew comes
    usual_on: date  # the round's day that week
    bins: tuple[Bin, ...]

    @property
    def is_moved(self) -> bool:
        return self.on != self.usual_on


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_letter(config: BinsFile, day: date) -> str:
    weeks = (monday_of(day) - config.week_a_starts).days // 7
    return "A" if weeks % 2 == 0 else "B"


class DaysOff:
    """The days no collection is made, for one file and one calendar."""

    def __init__(self, config: BinsFile, calendar: WorkingDayCalendar) -> None:
        self._calendar = calendar.without_closures()
        self._no_collections_on = frozenset(config.christmas_and_new_year.no_collections_on)
        self._years: dict[int, frozenset[date]] = {}

    def _bank_holidays(self, year: int) -> frozenset[date]:
        if year not in self._years:
            found = self._calendar.holidays_between(date(year, 1, 1), date(year, 12, 31))
            self._years[year] = frozenset(day for day, _name in found)
        return self._years[year]

    def is_day_off(self, day: date) -> bool:
        return (
            day in self._bank_holidays(day.year)
            or f"{day.month:02d}-{day.day:02d}" in self._no_collections_on
        )

    def moved(self, usual: date) -> date:
        """Where a collection usually on `usual` is made (see the module's rule)."""
        monday = monday_of(usual)
        days = ((usual - monday).days) + 1
        shift = sum(
            1
            for offset in range(days)
            if (monday + offset * _ONE_DAY).weekday() != _SUNDAY
            and self.is_day_off(monday + offset * _ONE_DAY)
        )
        if shift == 0:
            return usual
        day = usual + shift * _ONE_DAY
        while day.weekday() == _SUNDAY or self.is_day_off(day):
            day += _ONE_DAY
        return day


def bins_on(config: BinsFile, round_: Round, usual: date) -> tuple[Bin, ...]:
    week = week_letter(config, usual)
    kinds = ["rubbish" if week == round_.rubbish_week else "recycling", "food"]
    if week == round_.garden_week:
        kinds.append("garden")
    return tuple(found for kind in kinds if (found := config.bin(kind)) is not None)


def collections(
    config: BinsFile,
    round_: Round,
    *,
    start: date,
    end: date,
    calendar: WorkingDayCalendar,
    days_off: DaysOff | None = None,
) -> list[Collection]:
    """The round's collections made from `start` to `end` (both included), in date order."""
    days_off = days_off or DaysOff(config, calendar)
    found = []
    # A week earlier too: a collection moved by a holiday can land in the next week.
    monday = monday_of(start) - timedelta(days=7)
    while monday <= end:
        usual = monday + timedelta(days=round_.weekday)
        on = days_off.moved(usual)
        if start <= on <= end:
            found.append(Collection(on=on, usual_on=usual, bins=bins_on(config, round_, usual)))
        monday += timedelta(days=7)
    return found
