"""The calendar most clocks tests count in: Oxford's, England and Wales."""

import pytest

from opencex.clocks.calendars import WorkingDayCalendar, regional_calendar


@pytest.fixture
def england_and_wales() -> WorkingDayCalendar:
    return regional_calendar(["ENG", "WLS"])
