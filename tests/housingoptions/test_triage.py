"""The Part 7 triage rule on every path, with the dates pinned (housingoptions.triage)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from opencex.clocks.calendars import uk_wide_calendar
from opencex.clocks.rules import DeadlineKind, Pause, compute_deadline
from opencex.housingoptions.triage import Flag, Leaving, Outcome, Situation, triage

TODAY = date(2027, 3, 1)  # a Monday


def told_to_leave(days: int) -> Situation:
    return Situation(safe_tonight=True, leaving=Leaving.TOLD, leave_on=TODAY + timedelta(days))


def section_21(days: int) -> Situation:
    return Situation(
        safe_tonight=True,
        leaving=Leaving.NOTICE,
        notice_type="section_21",
        notice_ends_on=TODAY + timedelta(days),
    )


def test_nowhere_safe_to_sleep_tonight_is_urgent_whatever_else_is_said():
    situation = Situation(
        safe_tonight=False,
        leaving=Leaving.NOTICE,
        notice_type="section_21",
        notice_ends_on=TODAY + timedelta(days=200),
    )
    result = triage(situation, today=TODAY)
    assert result.outcome is Outcome.URGENT
    assert "s188(1)" in result.basis
    assert result.is_soon


def test_a_section_21_notice_ending_in_exactly_56_days_is_the_prevention_duty():
    result = triage(section_21(56), today=TODAY)
    assert result.outcome is Outcome.PREVENTION
    assert result.basis.startswith("s175(5)")
    assert result.homeless_on == date(2027, 4, 26)
    assert result.days_until_homeless == 56


def test_a_section_21_notice_ending_in_57_days_is_advice_with_the_day_to_come_back():
    result = triage(section_21(57), today=TODAY)
    assert result.outcome is Outcome.ADVICE
    assert result.duty is None
    assert result.threatened_from == date(2027, 3, 2)


def test_told_to_leave_within_56_days_rests_on_s175_4():
    result = triage(told_to_leave(30), today=TODAY)
    assert result.outcome is Outcome.PREVENTION
    assert result.basis.startswith("s175(4)")


@pytest.mark.parametrize(("days", "outcome"), [(56, Outcome.PREVENTION), (57, Outcome.ADVICE)])
def test_the_56_day_edge_is_the_same_for_any_date_of_leaving(days, outcome):
    assert triage(told_to_leave(days), today=TODAY).outcome is outcome


def test_the_prevention_duty_runs_56_days_from_the_day_the_form_arrived():
    result = triage(section_21(20), today=TODAY)
    assert result.duty is DeadlineKind.HOMELESSNESS_PREVENTION
    assert result.duty_starts_on == TODAY
    # 56 days beginning with 1 March end on 25 April; from 26 April the period has ended.
    assert result.duty_ends_on == date(2027, 4, 26)


def test_a_notice_that_has_already_ended_is_still_prevention_as_the_resident_is_still_there():
    result = triage(section_21(-3), today=TODAY)
    assert result.outcome is Outcome.PREVENTION
    assert result.days_until_homeless == -3


def test_leaving_within_two_weeks_is_seen_sooner_and_three_weeks_is_not():
    assert triage(told_to_leave(14), today=TODAY).is_soon
    assert not triage(told_to_leave(15), today=TODAY).is_soon


@pytest.mark.parametrize("leaving", [Leaving.ALREADY_LEFT, Leaving.NOT_SAFE])
def test_having_left_or_not_safe_to_stay_is_homeless_now_and_the_relief_duty(leaving):
    result = triage(Situation(safe_tonight=True, leaving=leaving), today=TODAY)
    assert result.outcome is Outcome.RELIEF
    assert result.duty is DeadlineKind.HOMELESSNESS_RELIEF
    assert result.duty_ends_on == date(2027, 4, 26)
    assert "s189B" in result.basis


def test_not_safe_to_stay_rests_on_s177():
    result = triage(Situation(safe_tonight=True, leaving=Leaving.NOT_SAFE), today=TODAY)
    assert "s177(1)" in result.basis


def test_sofa_surfing_without_a_notice_is_homeless_now():
    situation = Situation(safe_tonight=True, leaving=Leaving.NO, no_fixed_home=True)
    assert triage(situation, today=TODAY).outcome is Outcome.RELIEF


def test_worried_but_not_asked_to_leave_is_advice():
    result = triage(Situation(safe_tonight=True, leaving=Leaving.NO), today=TODAY)
    assert result.outcome is Outcome.ADVICE
    assert result.threatened_from is None


def test_flags_are_passed_to_the_officer_in_a_fixed_order_and_do_not_change_the_outcome():
    situation = Situation(
        safe_tonight=True,
        leaving=Leaving.NO,
        flags=frozenset({Flag.PREGNANT, Flag.DOMESTIC_ABUSE, Flag.AGED_16_OR_17}),
    )
    result = triage(situation, today=TODAY)
    assert result.outcome is Outcome.ADVICE
    assert result.flags == (Flag.DOMESTIC_ABUSE, Flag.AGED_16_OR_17, Flag.PREGNANT)


def test_the_56_days_count_every_day_and_do_not_move_off_a_weekend():
    # 56 days from Saturday 6 March 2027 end on Saturday 1 May; bank holiday 3 May is not reached.
    deadline = compute_deadline(
        DeadlineKind.HOMELESSNESS_PREVENTION, date(2027, 3, 6), region=uk_wide_calendar()
    )
    assert deadline.due == date(2027, 5, 1)
    assert any("end on Friday 30 April 2027" in line for line in deadline.explanation)
    assert "s195" in deadline.explanation[0]


def test_the_56_day_clock_cannot_be_paused():
    with pytest.raises(ValueError, match="does not stop"):
        compute_deadline(
            DeadlineKind.HOMELESSNESS_RELIEF,
            TODAY,
            pauses=[Pause(TODAY + timedelta(1), TODAY + timedelta(3), "test")],
            region=uk_wide_calendar(),
        )
