"""The days a round collects, which bins go out, and the bank holiday rule, with dates pinned."""

from __future__ import annotations

from datetime import date

import pytest

from opencex.bincollections.schedule import DaysOff, collections, week_letter
from opencex.clocks.calendars import regional_calendar

ENGLAND = regional_calendar(["ENG"])


def moved(oxford, usual: date) -> date:
    return DaysOff(oxford, ENGLAND).moved(usual)


def test_weeks_a_and_b_alternate_from_the_reference_monday(oxford):
    assert oxford.week_a_starts == date(2026, 1, 5)
    assert week_letter(oxford, date(2026, 1, 9)) == "A"
    assert week_letter(oxford, date(2026, 1, 12)) == "B"
    assert week_letter(oxford, date(2026, 1, 19)) == "A"
    assert week_letter(oxford, date(2025, 12, 29)) == "B"  # before the reference too


def test_a_round_takes_rubbish_and_recycling_in_turn_and_food_every_week(oxford):
    thursday_b = oxford.round("thursday-b")
    found = collections(
        oxford, thursday_b, start=date(2026, 6, 1), end=date(2026, 6, 14), calendar=ENGLAND
    )
    assert [c.on for c in found] == [date(2026, 6, 4), date(2026, 6, 11)]
    kinds = [[b.slug for b in c.bins] for c in found]
    # 1 June 2026 is in week B: this round's rubbish week, and garden waste is in week A.
    assert kinds == [["rubbish", "food"], ["recycling", "food", "garden"]]


@pytest.mark.parametrize(
    ("usual", "expected"),
    [
        # Good Friday 3 April 2026: only Friday moves, to Saturday.
        (date(2026, 3, 30), date(2026, 3, 30)),
        (date(2026, 4, 2), date(2026, 4, 2)),
        (date(2026, 4, 3), date(2026, 4, 4)),
        # Easter Monday 6 April 2026: the whole week a day later, Friday to Saturday.
        (date(2026, 4, 6), date(2026, 4, 7)),
        (date(2026, 4, 8), date(2026, 4, 9)),
        (date(2026, 4, 10), date(2026, 4, 11)),
    ],
)
def test_easter_moves_collections_a_day_later(oxford, usual, expected):
    assert moved(oxford, usual) == expected


def test_early_may_bank_holiday_moves_the_week_a_day_later(oxford):
    # Monday 4 May 2026.
    assert moved(oxford, date(2026, 5, 4)) == date(2026, 5, 5)
    assert moved(oxford, date(2026, 5, 7)) == date(2026, 5, 8)
    assert moved(oxford, date(2026, 5, 11)) == date(2026, 5, 11)  # the next week is as usual


def test_august_bank_holiday_moves_collections_into_september(oxford):
    # Monday 31 August 2026.
    assert moved(oxford, date(2026, 8, 31)) == date(2026, 9, 1)
    assert moved(oxford, date(2026, 9, 4)) == date(2026, 9, 5)
    assert moved(oxford, date(2026, 8, 28)) == date(2026, 8, 28)  # the week before is not moved


def test_christmas_on_a_friday_moves_that_friday_past_boxing_day_sunday_and_the_holiday(oxford):
    # 2026: Christmas Day Friday 25, Boxing Day Saturday 26 (no collections, says the file),
    # its bank holiday Monday 28 December.
    assert moved(oxford, date(2026, 12, 24)) == date(2026, 12, 24)
    assert moved(oxford, date(2026, 12, 25)) == date(2026, 12, 29)
    assert moved(oxford, date(2026, 12, 28)) == date(2026, 12, 29)
    assert moved(oxford, date(2026, 12, 31)) == date(2027, 1, 2)  # New Year's Day is Friday
    assert moved(oxford, date(2027, 1, 1)) == date(2027, 1, 4)


def test_christmas_on_a_thursday_moves_thursday_to_saturday_and_friday_to_monday(oxford):
    # 2025: Christmas Day Thursday 25, Boxing Day Friday 26.
    assert moved(oxford, date(2025, 12, 24)) == date(2025, 12, 24)
    assert moved(oxford, date(2025, 12, 25)) == date(2025, 12, 27)
    assert moved(oxford, date(2025, 12, 26)) == date(2025, 12, 29)


def test_new_years_day_on_a_thursday_moves_thursday_and_friday_a_day(oxford):
    # Thursday 1 January 2026.
    assert moved(oxford, date(2025, 12, 29)) == date(2025, 12, 29)
    assert moved(oxford, date(2026, 1, 1)) == date(2026, 1, 2)
    assert moved(oxford, date(2026, 1, 2)) == date(2026, 1, 3)


def test_the_rule_reads_the_file_for_the_christmas_days_off(oxford):
    without = oxford.model_copy(
        update={"christmas_and_new_year": type(oxford.christmas_and_new_year)(no_collections_on=[])}
    )
    # Without Boxing Day on a Saturday as a day off, the Friday of Christmas 2026 goes to Saturday.
    assert DaysOff(without, ENGLAND).moved(date(2026, 12, 25)) == date(2026, 12, 26)


def test_a_moved_collection_keeps_the_bins_of_its_usual_day_and_says_it_moved(oxford):
    friday_a = oxford.round("friday-a")
    found = collections(
        oxford, friday_a, start=date(2026, 3, 30), end=date(2026, 4, 5), calendar=ENGLAND
    )
    assert len(found) == 1
    assert found[0].on == date(2026, 4, 4)
    assert found[0].usual_on == date(2026, 4, 3)
    assert found[0].is_moved


def test_a_collection_moved_into_the_next_week_is_listed_in_it(oxford):
    friday_b = oxford.round("friday-b")
    found = collections(
        oxford, friday_b, start=date(2026, 12, 28), end=date(2027, 1, 3), calendar=ENGLAND
    )
    assert [(c.usual_on, c.on) for c in found] == [(date(2026, 12, 25), date(2026, 12, 29))]
