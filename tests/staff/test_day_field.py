"""The shared date boxes (`DayField`): a real date in 1900..2100, else a GOV.UK error."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.staff.forms import DayField, PageForm


class _Form(PageForm):
    on = DayField(label="Date")


def _errors(day: str, month: str, year: str) -> list[str]:
    form = _Form({"on-day": day, "on-month": month, "on-year": year})
    return [] if form.is_valid() else form.errors["on"]


@pytest.mark.parametrize(
    ("year", "expected"), [("1900", dt.date(1900, 1, 1)), ("2100", dt.date(2100, 1, 1))]
)
def test_the_first_and_last_years_are_accepted(year, expected):
    form = _Form({"on-day": "1", "on-month": "1", "on-year": year})
    assert form.is_valid()
    assert form.cleaned_data["on"] == expected


@pytest.mark.parametrize("year", ["1899", "2101", "9999", "99999", "10000000000000000000000"])
def test_a_year_out_of_range_says_which_years(year):
    assert _errors("1", "1", year) == ["Year must be between 1900 and 2100"]


def test_a_date_that_does_not_exist_is_still_not_a_real_date():
    assert _errors("30", "2", "2027") == ["Enter a real date, for example 9 2 2026"]
