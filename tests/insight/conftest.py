"""Helpers for the report tests: London times and the week most tests report on."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from opencex.insight.periods import Period

# The complaint and information-rights officers and services, for the tests that go through the
# real services.
from tests.complaints.conftest import (  # noqa: F401
    complaints_service,
    complaints_team,
    handler,
    second_handler,
    waste,
)
from tests.inforights.conftest import contact_officer, ig_officer, ig_team  # noqa: F401

LONDON = ZoneInfo("Europe/London")

# Monday 2 to Sunday 8 March 2026 (Greenwich Mean Time: London and UTC agree).
WEEK = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 8))


def london(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def utc(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)
