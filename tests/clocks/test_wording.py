"""Dates and counts as a caseworker would say them."""

from datetime import date

import pytest

from opencex.clocks.wording import count, day_month_year, long_date, ordinal


@pytest.mark.parametrize(
    ("n", "said"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (20, "20th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (40, "40th"), (111, "111th")],
)  # fmt: skip
def test_an_ordinal_has_the_english_suffix(n: int, said: str) -> None:
    assert ordinal(n) == said


def test_a_long_date_gives_the_weekday_day_month_and_year() -> None:
    assert long_date(date(2025, 4, 18)) == "Friday 18 April 2025"


def test_a_short_date_has_no_leading_zero() -> None:
    assert day_month_year(date(2025, 5, 5)) == "5 May 2025"


@pytest.mark.parametrize(
    ("n", "unit", "said"),
    [
        (1, "calendar month", "one calendar month"),
        (3, "calendar month", "three calendar months"),
        (1, "working day", "1 working day"),
        (10, "working day", "10 working days"),
    ],
)
def test_a_count_spells_out_months_and_gives_days_as_figures(n: int, unit: str, said: str) -> None:
    assert count(n, unit) == said
