"""Subject access: calendar months, the next working day, and stop-the-clock."""

from datetime import date

import pytest

from opencex.clocks.calendars import WorkingDayCalendar, regional_calendar
from opencex.clocks.rules import Pause, add_calendar_months, compute_deadline, sar_clock_start


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 3, 15), 1, date(2025, 4, 15)),
        (date(2025, 5, 31), 1, date(2025, 6, 30)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 1, date(2024, 3, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 10, 31), 3, date(2026, 1, 31)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
    ],
)
def test_a_calendar_month_ends_on_the_corresponding_date_or_the_month_s_last_day(
    start: date, months: int, expected: date
) -> None:
    assert add_calendar_months(start, months) == expected


def test_sar_extended_is_three_calendar_months_then_the_next_working_day(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 15 June 2025 is a Sunday.
    deadline = compute_deadline("sar-extended", date(2025, 3, 15), region=england_and_wales)
    assert deadline.due == date(2025, 6, 16)


def test_sar_extended_from_the_last_of_november_ends_at_the_end_of_february(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 28 February 2026 is a Saturday, so Monday 2 March.
    deadline = compute_deadline("sar-extended", date(2025, 11, 30), region=england_and_wales)
    assert deadline.due == date(2026, 3, 2)


def test_a_sar_due_on_a_bank_holiday_moves_to_the_next_working_day(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 5 May 2025 is the early May bank holiday.
    deadline = compute_deadline("sar", date(2025, 4, 5), region=england_and_wales)
    assert deadline.due == date(2025, 5, 6)


def test_a_sar_rolls_forward_in_the_council_s_region_not_the_uk_wide_calendar() -> None:
    # 4 August 2025 is a bank holiday in Scotland only.
    received = date(2025, 7, 4)
    english = compute_deadline("sar", received, region=regional_calendar(["ENG", "WLS"]))
    scottish = compute_deadline("sar", received, region=regional_calendar(["SCT"]))
    assert english.due == date(2025, 8, 4)
    assert scottish.due == date(2025, 8, 5)


def test_the_sar_clock_stops_for_the_calendar_days_of_a_clarification_both_included(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2025, 3, 20), date(2025, 3, 21), "clarification asked for")
    deadline = compute_deadline("sar", date(2025, 3, 15), pauses=[pause], region=england_and_wales)
    assert deadline.due == date(2025, 4, 17)


def test_a_sar_moved_by_a_pause_onto_a_holiday_rolls_forward(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 15 April + 5 days = Easter Sunday 2025, then Easter Monday: due Tuesday 22 April.
    pause = Pause(date(2025, 3, 20), date(2025, 3, 24), "clarification asked for")
    deadline = compute_deadline("sar", date(2025, 3, 15), pauses=[pause], region=england_and_wales)
    assert deadline.due == date(2025, 4, 22)


def test_overlapping_sar_pauses_count_each_day_once(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 2 July + 2 days (10 and 11 June) = Friday 4 July; counting 11 June twice would give 7 July.
    pauses = [
        Pause(date(2025, 6, 10), date(2025, 6, 11), "clarification asked for"),
        Pause(date(2025, 6, 11), date(2025, 6, 11), "further clarification"),
    ]
    deadline = compute_deadline("sar", date(2025, 6, 2), pauses=pauses, region=england_and_wales)
    assert deadline.due == date(2025, 7, 4)


def test_an_open_sar_pause_leaves_no_due_date(england_and_wales: WorkingDayCalendar) -> None:
    pause = Pause(date(2025, 3, 20), None, "clarification asked for")
    deadline = compute_deadline("sar", date(2025, 3, 15), pauses=[pause], region=england_and_wales)
    assert deadline.due is None
    assert deadline.stopped_since == date(2025, 3, 20)


def test_the_sar_clock_starts_on_the_latest_of_request_identity_and_fee() -> None:
    assert sar_clock_start(date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 7)) == date(
        2025, 3, 10
    )
    assert sar_clock_start(date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 7)) == date(2025, 3, 7)


def test_the_sar_clock_starts_on_the_request_when_nothing_else_was_needed() -> None:
    assert sar_clock_start(date(2025, 3, 3), None, None) == date(2025, 3, 3)


def test_proof_of_identity_received_with_the_request_does_not_move_the_start() -> None:
    assert sar_clock_start(date(2025, 3, 3), identity_verified=date(2025, 3, 3)) == date(2025, 3, 3)


def test_a_late_proof_of_identity_moves_the_sar_deadline(
    england_and_wales: WorkingDayCalendar,
) -> None:
    start = sar_clock_start(date(2025, 3, 3), identity_verified=date(2025, 3, 15))
    assert compute_deadline("sar", start, region=england_and_wales).due == date(2025, 4, 15)
