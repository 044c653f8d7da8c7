"""Awaab's Law clocks for council homes (RULES.md, "Hazards in council homes"): 24 clock hours for
an emergency hazard, working days of the council's region for a significant one."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from opencex.clocks.calendars import WorkingDayCalendar, regional_calendar
from opencex.clocks.rules import (
    RULES,
    DeadlineKind,
    Unit,
    compute_deadline,
    compute_hour_deadline,
)

LONDON = ZoneInfo("Europe/London")


def test_an_emergency_hazard_reported_on_christmas_eve_is_made_safe_by_christmas_night() -> None:
    deadline = compute_hour_deadline(
        "hazard-emergency", datetime(2026, 12, 24, 21, 30, tzinfo=LONDON)
    )
    assert deadline.due_at == datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)
    assert deadline.due == date(2026, 12, 25)
    assert deadline.promise == "by 21:30 on Friday 25 December 2026"


def test_the_emergency_clock_counts_real_hours_across_the_spring_change() -> None:
    # 01:30 UTC on the last Sunday of March is 02:30 BST; 24 hours later is 02:30 BST.
    deadline = compute_hour_deadline("hazard-emergency", datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
    assert deadline.due_at == datetime(2026, 3, 30, 1, 30, tzinfo=UTC)
    assert deadline.due_at.strftime("%Y-%m-%d %H:%M") == "2026-03-30 02:30"


def test_a_report_before_the_spring_change_is_due_an_hour_later_on_the_clock() -> None:
    # 00:30 GMT on 29 March 2026: the clocks go forward at 01:00, so 24 hours reads 01:30 BST.
    deadline = compute_hour_deadline(
        "hazard-emergency", datetime(2026, 3, 29, 0, 30, tzinfo=LONDON)
    )
    assert deadline.due_at.strftime("%Y-%m-%d %H:%M %Z") == "2026-03-30 01:30 BST"
    assert any("clocks go forward" in line for line in deadline.explanation)


def test_the_emergency_clock_counts_real_hours_across_the_autumn_change() -> None:
    # 01:30 BST (00:30 UTC) on the last Sunday of October, before the clocks go back.
    deadline = compute_hour_deadline("hazard-emergency", datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    assert deadline.due_at.strftime("%Y-%m-%d %H:%M %Z") == "2026-10-26 00:30 GMT"
    assert any("clocks go back" in line for line in deadline.explanation)


def test_the_second_0130_of_the_autumn_change_is_due_at_0130_the_next_night() -> None:
    deadline = compute_hour_deadline("hazard-emergency", datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    assert deadline.due_at.strftime("%Y-%m-%d %H:%M %Z") == "2026-10-26 01:30 GMT"
    assert not any("clocks go" in line for line in deadline.explanation)


def test_the_emergency_clock_runs_through_weekends_and_bank_holidays() -> None:
    # Friday evening before the late May bank holiday: due Saturday evening, not Tuesday.
    deadline = compute_hour_deadline(
        "hazard-emergency", datetime(2026, 5, 22, 18, 0, tzinfo=LONDON)
    )
    assert deadline.due_at == datetime(2026, 5, 23, 18, 0, tzinfo=LONDON)


def test_the_emergency_clock_is_told_in_uk_time_whatever_zone_the_moment_came_in() -> None:
    deadline = compute_hour_deadline("hazard-emergency", datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    assert deadline.received == date(2026, 7, 2)  # 00:30 BST
    assert deadline.promise == "by 00:30 on Friday 3 July 2026"


def test_the_emergency_explanation_says_what_must_be_done_from_when_and_by_when() -> None:
    deadline = compute_hour_deadline(
        "hazard-emergency", datetime(2026, 12, 24, 21, 30, tzinfo=LONDON)
    )
    assert deadline.explanation[0].startswith(
        "Emergency hazard in a council home: investigate and make safe within 24 hours"
    )
    assert "alternative accommodation" in deadline.explanation[0]
    assert "Landlord and Tenant Act 1985 s10A" in deadline.explanation[0]
    assert deadline.explanation[1] == (
        "The council became aware at 21:30 on Thursday 24 December 2026 (UK time)."
    )
    assert deadline.explanation[-1] == "Due: by 21:30 on Friday 25 December 2026."


def test_an_hour_clock_needs_a_moment_with_a_time_zone() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        compute_hour_deadline("hazard-emergency", datetime(2026, 12, 24, 21, 30))


def test_a_day_clock_is_not_counted_in_hours() -> None:
    with pytest.raises(ValueError, match="compute_deadline"):
        compute_hour_deadline("hazard-investigation", datetime(2026, 12, 18, 9, 0, tzinfo=UTC))


def test_an_hour_clock_is_not_counted_from_a_date(england_and_wales: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError, match="compute_hour_deadline"):
        compute_deadline("hazard-emergency", date(2026, 12, 24), region=england_and_wales)


def test_damp_and_mould_reported_before_christmas_is_investigated_by_6_january(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_INVESTIGATION, date(2026, 12, 18), region=england_and_wales
    )
    assert deadline.due == date(2027, 1, 6)
    assert deadline.due_at is None
    assert deadline.promise == "by Wednesday 6 January 2027"


def test_the_written_summary_is_due_3_working_days_after_the_investigation_concludes(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_SUMMARY, date(2027, 1, 6), region=england_and_wales
    )
    assert deadline.due == date(2027, 1, 11)


def test_safety_work_is_due_5_working_days_after_the_investigation_concludes(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_SAFETY_WORK, date(2027, 1, 6), region=england_and_wales
    )
    assert deadline.due == date(2027, 1, 13)


def test_council_closure_days_do_not_stop_a_hazard_clock() -> None:
    closed = regional_calendar(["ENG", "WLS"], closures=[date(2026, 12, 29), date(2026, 12, 30)])
    deadline = compute_deadline(
        DeadlineKind.HAZARD_INVESTIGATION, date(2026, 12, 18), region=closed
    )
    assert deadline.due == date(2027, 1, 6)


def test_further_work_that_cannot_start_within_5_working_days_starts_within_12_weeks(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_FURTHER_WORK, date(2027, 1, 6), region=england_and_wales
    )
    assert deadline.due == date(2027, 3, 31)
    assert "12 weeks from 6 January 2027" in " ".join(deadline.explanation)


def test_the_investigation_explanation_counts_from_the_day_the_council_became_aware(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_INVESTIGATION, date(2026, 12, 18), region=england_and_wales
    )
    assert deadline.explanation[0] == (
        "Significant hazard in a council home: investigate by the 10th working day after the "
        "day the council became aware (Landlord and Tenant Act 1985 s10A; Hazards in Social "
        "Housing (Prescribed Requirements) (England) Regulations 2025)."
    )
    assert deadline.explanation[1] == (
        "The council became aware Friday 18 December 2026; that day is day 0."
    )
    assert "Christmas Day 25 December 2026 skipped." in deadline.explanation


@pytest.mark.parametrize(
    ("kind", "unit", "amount"),
    [
        ("hazard-emergency", Unit.CLOCK_HOURS, 24),
        ("hazard-investigation", Unit.WORKING_DAYS, 10),
        ("hazard-summary", Unit.WORKING_DAYS, 3),
        ("hazard-safety-work", Unit.WORKING_DAYS, 5),
        ("hazard-further-work", Unit.CALENDAR_WEEKS, 12),
    ],
)
def test_each_hazard_clock_has_the_amount_and_unit_of_awaabs_law(
    kind: str, unit: Unit, amount: int
) -> None:
    rule = RULES[DeadlineKind(kind)]
    assert (rule.unit, rule.amount) == (unit, amount)
    assert "s10A" in rule.citation
