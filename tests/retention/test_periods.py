"""When a retention period is up, by the calendar: pure date arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from opencex.council.profile import Period
from opencex.retention.periods import expires_on, last_expired_start


@pytest.mark.parametrize(
    ("start", "period", "expiry"),
    [
        (date(2020, 3, 10), Period(6, "years"), date(2026, 3, 10)),
        (date(2020, 2, 29), Period(1, "years"), date(2021, 2, 28)),
        (date(2025, 8, 31), Period(6, "months"), date(2026, 2, 28)),
        (date(2026, 1, 1), Period(90, "days"), date(2026, 4, 1)),
    ],
)
def test_a_record_expires_on_the_calendar_day_its_period_ends(start, period, expiry):
    assert expires_on(start, period) == expiry


@pytest.mark.parametrize(
    "period", [Period(6, "months"), Period(1, "years"), Period(30, "days"), Period(18, "months")]
)
def test_the_last_expired_start_is_exactly_the_boundary_every_day_of_a_leap_year(period):
    for offset in range(366):
        today = date.fromordinal(date(2028, 1, 1).toordinal() + offset)
        boundary = last_expired_start(today, period)
        assert expires_on(boundary, period) <= today
        assert expires_on(date.fromordinal(boundary.toordinal() + 1), period) > today
