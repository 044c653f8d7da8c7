"""Report periods: the named ones, London days, and the period each is compared with."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.insight.periods import (
    Period,
    last_four_weeks,
    this_month,
    this_quarter,
    this_week,
)
from tests.insight.conftest import utc

WEDNESDAY = dt.date(2026, 3, 4)


def test_this_week_runs_from_monday_to_today():
    assert this_week(WEDNESDAY) == Period(dt.date(2026, 3, 2), WEDNESDAY)


def test_this_week_on_a_monday_is_that_one_day():
    assert this_week(dt.date(2026, 3, 2)).days == 1


def test_the_last_four_weeks_are_the_28_days_ending_today():
    period = last_four_weeks(WEDNESDAY)
    assert (period.start, period.end, period.days) == (dt.date(2026, 2, 5), WEDNESDAY, 28)


def test_this_month_starts_on_the_first():
    assert this_month(WEDNESDAY) == Period(dt.date(2026, 3, 1), WEDNESDAY)


def test_this_quarter_starts_on_the_first_of_april_in_may():
    assert this_quarter(dt.date(2026, 5, 15)) == Period(dt.date(2026, 4, 1), dt.date(2026, 5, 15))


def test_this_quarter_on_new_years_day_is_that_one_day():
    assert this_quarter(dt.date(2027, 1, 1)) == Period(dt.date(2027, 1, 1), dt.date(2027, 1, 1))


def test_a_summer_period_starts_at_midnight_london_time_which_is_11pm_utc():
    period = Period(dt.date(2026, 7, 6), dt.date(2026, 7, 12))
    assert period.starts_at == utc(2026, 7, 5, 23)
    assert period.ends_before == utc(2026, 7, 12, 23)


def test_the_day_the_clocks_go_forward_is_23_hours_long():
    period = Period(dt.date(2026, 3, 29), dt.date(2026, 3, 29))
    # Python subtracts datetimes of the same zone by the wall clock; the instants are in UTC.
    length = period.ends_before.astimezone(dt.UTC) - period.starts_at.astimezone(dt.UTC)
    assert length == dt.timedelta(hours=23)


def test_four_whole_weeks_are_compared_with_the_four_weeks_just_before():
    previous = last_four_weeks(WEDNESDAY).previous()
    assert previous == Period(dt.date(2026, 1, 8), dt.date(2026, 2, 4))


def test_monday_to_wednesday_is_compared_with_monday_to_wednesday_of_the_week_before():
    previous = this_week(WEDNESDAY).previous()
    assert previous == Period(dt.date(2026, 2, 23), dt.date(2026, 2, 25))


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="end before it starts"):
        Period(dt.date(2026, 3, 2), dt.date(2026, 3, 1))
