"""The `holidays` package agrees with the bank holidays GOV.UK publishes, 2022 to 2026."""

import json
from datetime import date
from pathlib import Path

import pytest

from opencex.clocks.calendars import regional_calendar

# Transcribed from GOV.UK's bank-holidays.json (the published list), in the same format.
GOVUK = json.loads((Path(__file__).parent / "data" / "govuk_bank_holidays.json").read_text("utf-8"))
YEARS = range(2022, 2027)


def _published(division: str, year: int) -> set[date]:
    days = (date.fromisoformat(event["date"]) for event in GOVUK[division]["events"])
    return {day for day in days if day.year == year}


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(
    ("subdivision", "division"),
    [
        ("ENG", "england-and-wales"),
        ("WLS", "england-and-wales"),
        ("SCT", "scotland"),
        ("NIR", "northern-ireland"),
    ],
)
def test_a_nation_s_weekday_holidays_are_exactly_those_gov_uk_publishes(
    subdivision: str, division: str, year: int
) -> None:
    calendar = regional_calendar([subdivision])
    ours = {day for day, _ in calendar.holidays_between(date(year, 1, 1), date(year, 12, 31))}
    assert ours == _published(division, year)


def test_the_gov_uk_transcription_lists_only_weekdays() -> None:
    for division in GOVUK.values():
        for event in division["events"]:
            assert date.fromisoformat(event["date"]).weekday() < 5, event


def test_the_gov_uk_transcription_covers_every_year_it_is_used_for() -> None:
    for division in GOVUK:
        assert all(_published(division, year) for year in YEARS), division
