"""Template filters for message templates: dates and times as dates_in_language writes them in
the message's language ("poniedziałek 7 września 2026", not Django's "F", which names a month in
the form of a heading)."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from opencex import dates_in_language

register = template.Library()


@register.filter
def long_date(day: date | datetime | None) -> str:
    """ "Monday 7 September 2026" in the message's language."""
    return dates_in_language.long_date(day) if day else ""


@register.filter
def day_and_month_and_year(day: date | datetime | None) -> str:
    """ "7 September 2026", without the day of the week."""
    if not day:
        return ""
    return dates_in_language.long_date(day).split(" ", 1)[1]


@register.filter
def clock_time(moment: datetime | None) -> str:
    """ "5:30pm" in English, "17:30" in languages without am and pm."""
    return dates_in_language.clock_time(moment) if moment else ""
