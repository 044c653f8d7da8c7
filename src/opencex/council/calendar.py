"""The council's own working-day calendar, built from its profile."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.conf import settings

from opencex.clocks.calendars import WorkingDayCalendar, regional_calendar
from opencex.council.profile import CouncilProfile

# Closure days recur every year ("12-29"); expand them over any year a case could touch.
_FIRST_YEAR, _LAST_YEAR = 2000, 2100


def closure_dates(profile: CouncilProfile) -> frozenset[date]:
    days: set[date] = set()
    for month_day in profile.closure_days:
        month, day = (int(part) for part in month_day.split("-"))
        days.update(date(year, month, day) for year in range(_FIRST_YEAR, _LAST_YEAR + 1))
    return frozenset(days)


@lru_cache(maxsize=8)
def _calendar_for(profile: CouncilProfile) -> WorkingDayCalendar:
    return regional_calendar(profile.holiday_region, closure_dates(profile))


def council_calendar() -> WorkingDayCalendar:
    """The region's bank holidays plus council closures (closures count for service standards
    only; the clocks app leaves them out of statutory clocks)."""
    return _calendar_for(settings.COUNCIL_PROFILE)
