"""The date of receipt is the calendar date in UK local time, whatever zone a time comes in."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from opencex.clocks.calendars import received_on


def test_an_email_at_half_past_eleven_utc_on_a_summer_evening_arrives_the_next_day() -> None:
    assert received_on(datetime(2025, 7, 1, 23, 30, tzinfo=UTC)) == date(2025, 7, 2)


def test_an_email_at_half_past_eleven_utc_in_winter_arrives_that_day() -> None:
    assert received_on(datetime(2025, 1, 1, 23, 30, tzinfo=UTC)) == date(2025, 1, 1)


def test_a_time_given_in_another_zone_is_converted_to_uk_time() -> None:
    new_york_evening = datetime(2025, 7, 1, 20, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert received_on(new_york_evening) == date(2025, 7, 2)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        received_on(datetime(2025, 7, 1, 23, 30))
