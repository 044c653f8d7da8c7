"""Working-day clocks that stop: fees notices, open pauses, and a clarification's restart."""

from datetime import date

import pytest

from opencex.clocks.calendars import WorkingDayCalendar
from opencex.clocks.rules import Pause, compute_deadline

RECEIVED = date(2026, 2, 2)  # Monday; with no pause the FOI is due Monday 2 March 2026


def test_with_no_pause_the_fees_example_would_be_due_on_2_march(
    england_and_wales: WorkingDayCalendar,
) -> None:
    assert compute_deadline("foi", RECEIVED, region=england_and_wales).due == date(2026, 3, 2)


def test_a_one_day_fees_notice_paid_the_same_day_stops_the_clock_for_that_day(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2026, 2, 9), date(2026, 2, 9), "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert deadline.due == date(2026, 3, 3)


def test_both_the_day_the_fees_notice_is_given_and_the_day_the_fee_arrives_do_not_count(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # Tuesday to Wednesday: two working days.
    pause = Pause(date(2026, 2, 10), date(2026, 2, 11), "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert deadline.due == date(2026, 3, 4)


def test_a_pause_over_a_weekend_changes_nothing(england_and_wales: WorkingDayCalendar) -> None:
    pause = Pause(date(2026, 2, 7), date(2026, 2, 8), "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert deadline.due == date(2026, 3, 2)


def test_a_pause_after_the_due_date_changes_nothing(england_and_wales: WorkingDayCalendar) -> None:
    pause = Pause(date(2026, 3, 3), date(2026, 3, 10), "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert deadline.due == date(2026, 3, 2)


def test_two_pauses_both_stop_the_clock(england_and_wales: WorkingDayCalendar) -> None:
    pauses = [
        Pause(date(2026, 2, 9), date(2026, 2, 9), "fees notice"),
        Pause(date(2026, 2, 16), date(2026, 2, 17), "second fees notice"),
    ]
    deadline = compute_deadline("foi", RECEIVED, pauses=pauses, region=england_and_wales)
    assert deadline.due == date(2026, 3, 5)


def test_an_open_pause_leaves_no_due_date(england_and_wales: WorkingDayCalendar) -> None:
    pause = Pause(date(2026, 2, 9), None, "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert deadline.due is None


def test_an_open_pause_says_since_when_the_clock_has_been_stopped(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2026, 2, 9), None, "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert deadline.stopped_since == date(2026, 2, 9)
    assert (
        "The clock has been stopped since Monday 9 February 2026 (fees notice), so there is no "
        "due date until it restarts." in deadline.explanation
    )


def test_an_open_pause_says_how_many_working_days_had_passed(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2026, 2, 9), None, "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert "4 of the 20 working days had passed when it stopped." in deadline.explanation


def test_an_open_pause_after_a_closed_one_stops_the_clock(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pauses = [
        Pause(date(2026, 2, 3), date(2026, 2, 4), "fees notice"),
        Pause(date(2026, 2, 16), None, "second fees notice"),
    ]
    deadline = compute_deadline("foi", RECEIVED, pauses=pauses, region=england_and_wales)
    assert deadline.due is None
    assert "7 of the 20 working days had passed when it stopped." in deadline.explanation


def test_a_pause_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end"):
        Pause(date(2026, 2, 9), date(2026, 2, 8), "fees notice")


def test_a_pause_cannot_start_before_the_clock(england_and_wales: WorkingDayCalendar) -> None:
    pause = Pause(date(2026, 2, 1), date(2026, 2, 3), "fees notice")
    with pytest.raises(ValueError, match="before the clock does"):
        compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)


def test_a_pause_may_start_on_the_day_of_receipt(england_and_wales: WorkingDayCalendar) -> None:
    pause = Pause(RECEIVED, date(2026, 2, 3), "fees notice")
    deadline = compute_deadline("foi", RECEIVED, pauses=[pause], region=england_and_wales)
    assert deadline.due == date(2026, 3, 3)


def test_a_clarification_restarts_the_foi_clock_from_the_day_it_arrives(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # Received 11 April 2025 (due 14 May); clarified 1 May: count 20 again from 1 May.
    clarified = date(2025, 5, 1)
    deadline = compute_deadline("foi", clarified, region=england_and_wales)
    assert deadline.due == date(2025, 6, 2)
