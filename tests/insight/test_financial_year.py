"""The council's reporting year comes from its profile (Oxford's is the financial year, April to
March), and every month, quarter and year bound is insight.granularity's."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.conf import settings
from django.test import override_settings

from opencex.council.profile import ProfileError, Reporting, load_profile, parse_profile
from opencex.insight import periods
from opencex.insight.granularity import (
    Granularity,
    last_complete,
    period_containing,
    period_name,
    periods_between,
    start_of,
    year_name,
)
from opencex.insight.periods import Period

Y, Q = Granularity.YEAR, Granularity.QUARTER


def test_oxfords_year_starts_in_april():
    assert load_profile("oxford").reporting.year_starts_in == 4


def test_the_last_day_of_march_is_in_the_year_that_began_the_april_before():
    year = period_containing(Y, date(2027, 3, 31))

    assert year == Period(date(2026, 4, 1), date(2027, 3, 31))
    assert year_name(year) == "2026 to 2027"


def test_the_first_of_april_starts_the_next_year():
    year = period_containing(Y, date(2027, 4, 1))

    assert year.start == date(2027, 4, 1)
    assert year_name(year) == "2027 to 2028"
    assert period_name(year) == "2027 to 2028"
    assert last_complete(Y, date(2027, 4, 1)) == Period(date(2026, 4, 1), date(2027, 3, 31))


def test_the_first_quarter_is_april_to_june():
    quarters = periods_between(Q, date(2026, 4, 1), date(2027, 3, 31))

    assert [(q.start, q.end) for q in quarters] == [
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 3, 31)),
    ]
    assert period_name(quarters[0]) == "April to June 2026"
    assert periods.this_quarter(date(2026, 5, 20)) == Period(date(2026, 4, 1), date(2026, 5, 20))


def _with_year_starting_in(month: int):
    profile = dataclasses.replace(
        settings.COUNCIL_PROFILE, reporting=Reporting(year_starts_in=month)
    )
    return override_settings(COUNCIL_PROFILE=profile)


def test_a_council_counting_calendar_years_has_them_from_january():
    with _with_year_starting_in(1):
        year = period_containing(Y, date(2027, 3, 31))
        assert year == Period(date(2027, 1, 1), date(2027, 12, 31))
        assert year_name(year) == "2027"
        assert start_of(Q, date(2027, 3, 31)) == date(2027, 1, 1)


def test_a_year_starting_in_september_has_quarters_from_september():
    with _with_year_starting_in(9):
        assert start_of(Y, date(2027, 3, 31)) == date(2026, 9, 1)
        assert period_containing(Q, date(2027, 3, 31)) == Period(
            date(2027, 3, 1), date(2027, 5, 31)
        )
        assert periods.this_quarter(date(2026, 10, 5)).start == date(2026, 9, 1)


def test_a_month_is_a_calendar_month_whatever_the_year():
    with _with_year_starting_in(9):
        assert period_containing(Granularity.MONTH, date(2027, 2, 14)) == Period(
            date(2027, 2, 1), date(2027, 2, 28)
        )


@pytest.mark.parametrize("month", [0, 13])
def test_a_year_start_outside_the_twelve_months_is_refused(month):
    raw = {
        "council": {
            "slug": "x",
            "name": "X",
            "website": "https://x.example",
            "email": "x@x.example",
            "holiday_region": ["ENG"],
        },
        "reporting": {"year_starts_in": month},
    }
    with pytest.raises(ProfileError, match="reporting"):
        parse_profile(raw)
