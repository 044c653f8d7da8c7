"""The brand colour's text colour, and the small formatting helpers the templates use."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from opencex.notify.letters import Promise
from opencex.web.branding import (
    BLACK,
    WHITE,
    brand_custom_properties,
    contrast_ratio,
    text_colour_on,
)
from opencex.web.templatetags.council_site import clock_time, tel_href, weekday_name


def test_white_on_black_is_the_largest_contrast():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)


def test_oxford_teal_takes_white_text():
    assert text_colour_on("#00576b") == WHITE
    assert contrast_ratio("#00576b", WHITE) >= 4.5


def test_a_light_brand_colour_takes_dark_text():
    assert text_colour_on("#ffdd00") == BLACK
    assert contrast_ratio("#ffdd00", BLACK) >= 4.5


@pytest.mark.parametrize(
    "colour", ["#777", "#757575", "#808080", "#1d70b8", "#d4351c", "#00703c", "#f47738"]
)
def test_text_on_any_brand_colour_reaches_4_5_to_1(colour):
    assert contrast_ratio(colour, text_colour_on(colour)) >= 4.5


@pytest.mark.parametrize("colour", ["red", "#00576", "#00576b; color: red", "url(x)"])
def test_anything_but_a_hex_colour_is_refused(colour):
    with pytest.raises(ValueError, match="is not a colour"):
        brand_custom_properties(colour)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(10, 0), "10am"),
        (time(9, 30), "9:30am"),
        (time(12, 0), "midday"),
        (time(13, 0), "1pm"),
        (time(17, 30), "5:30pm"),
        (time(0, 0), "midnight"),
    ],
)
def test_times_are_written_in_the_govuk_style(value, expected):
    assert clock_time(value) == expected


def test_phone_links_dial_the_digits():
    assert tel_href("01865 249811") == "tel:01865249811"


def test_profile_days_become_day_names():
    assert weekday_name("wednesday") == "Wednesday"


def test_a_moment_is_written_in_uk_time_as_the_letters_write_it():
    due_at = datetime(2026, 12, 25, 21, 30, tzinfo=UTC)
    promise = Promise(due_at.date(), "make your home safe", "make your home safe", at=due_at)

    assert clock_time(due_at) == "9:30pm"
    assert str(promise) == "9:30pm on Friday 25 December 2026"
    assert clock_time(datetime(2026, 7, 3, 20, 30, tzinfo=UTC)) == "9:30pm"  # summer time
