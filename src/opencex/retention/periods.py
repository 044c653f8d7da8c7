"""When a retention period is up: the day something expires, and the last start day that has
expired by a given day, as a database filter needs it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import ngettext

from opencex.clocks.rules import add_calendar_months
from opencex.council.profile import Period

ONE_DAY = timedelta(days=1)


def expires_on(start: date, period: Period) -> date:
    """The first day `start`'s record is no longer kept: a case closed on 10 March 2020 and kept
    for 6 years goes on 10 March 2026 (and one closed on 31 August, kept 6 months, on the last
    day of February)."""
    if period.unit == "days":
        return start + timedelta(days=period.count)
    months = period.count * (12 if period.unit == "years" else 1)
    return add_calendar_months(start, months)


def last_expired_start(today: date, period: Period) -> date:
    """The latest start day whose period is up by `today`: everything that started on or before
    it goes today."""
    if period.unit == "days":
        return today - timedelta(days=period.count)
    months = period.count * (12 if period.unit == "years" else 1)
    start = add_calendar_months(today, -months)
    # A month's end is clamped (31 August + 6 months is 28 February), so the days after `start`
    # may have expired by `today` too.
    while expires_on(start + ONE_DAY, period) <= today:
        start += ONE_DAY
    return start


def start_of(day: date) -> datetime:
    """Midnight at the start of `day`, London time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def expired_before(today: date, period: Period) -> datetime:
    """The moment before which a record's start must fall for its period to be up by `today`
    (the start counted by its London date)."""
    return start_of(last_expired_start(today, period) + ONE_DAY)


def period_in_words(period: Period) -> str:
    """A retention period ("6 years") in the officer's language, with its plural form."""
    if period.unit == "days":
        words = ngettext("%(count)d day", "%(count)d days", period.count)
    elif period.unit == "months":
        words = ngettext("%(count)d month", "%(count)d months", period.count)
    else:
        words = ngettext("%(count)d year", "%(count)d years", period.count)
    return words % {"count": period.count}


def last_expired_financial_year_start(today: date, period: Period, starts_in: int) -> date:
    """The first day of the financial year from which records are still kept on `today`: a record
    of an earlier financial year, kept for `period` after that year ended, has gone. A payment of
    10 March 2020 (the year to 31 March 2020), kept 6 years, goes on 1 April 2026."""
    last = last_expired_start(today, period)  # a year's end (the next one's first day) up to here
    year = last.year if last.month >= starts_in else last.year - 1
    return date(year, starts_in, 1)


def financial_record_expires_on(day: date, period: Period, starts_in: int) -> date:
    """The first day a financial record of `day` is no longer kept: `period` after the end of
    the financial year `day` falls in (10 March 2020, 6 years: 1 April 2026)."""
    year = day.year if day.month >= starts_in else day.year - 1
    return expires_on(date(year + 1, starts_in, 1), period)
