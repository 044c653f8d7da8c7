"""Days and times as a resident reads them, in the language of the page being made.

English pages write them as GOV.UK style does ("Monday 7 September 2026", "9:30am", "midday":
`clocks.wording`). Polish and Arabic pages get Django's names in that language, with the month
in the form a date takes (Polish "7 września", not the heading form "wrzesień") and the 24-hour
clock, as neither language uses am and pm. Pages, and the summaries apps make for them (a
booking's date, a visit's time), use these rather than strftime, whose names are always English.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.formats import date_format

from opencex.clocks import wording
from opencex.languages import ENGLISH, current_language

# Django's day names are capitalised as for a heading; Polish writes them in lower case inside a
# sentence ("do 17:00 w piątek 4 września"), which is where these dates go.
_DAY_NAMES_IN_LOWER_CASE = {"pl"}


def _local(moment: date | datetime | time) -> date | datetime | time:
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        return timezone.localtime(moment)
    return moment


def long_date(day: date | datetime, *, with_year: bool = True) -> str:
    """ "Monday 7 September 2026", "poniedziałek 7 września 2026", "الاثنين 7 سبتمبر 2026"
    (UK time for a moment); without the year where the page says it already."""
    day = _local(day)  # type: ignore[assignment]
    weekday = date_format(day, "l")
    if current_language() in _DAY_NAMES_IN_LOWER_CASE:
        weekday = weekday.lower()
    return f"{weekday} {date_format(day, 'j E Y' if with_year else 'j E')}"


def clock_time(moment: datetime | time) -> str:
    """A time (of a moment, in UK time): 10am, 5:30pm, midday in English; 10:00, 17:30 in
    languages that do not use am and pm."""
    moment = _local(moment)  # type: ignore[assignment]
    if current_language() != ENGLISH:
        return f"{moment.hour}:{moment.minute:02d}"
    return wording.clock_time(moment)
