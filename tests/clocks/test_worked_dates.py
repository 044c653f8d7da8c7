"""Every worked date in RULES.md, each its own test."""

from datetime import date, datetime

from opencex.clocks.calendars import UK_TIME_ZONE, WorkingDayCalendar
from opencex.clocks.rules import DeadlineKind, Pause, compute_deadline, compute_hour_deadline


def test_foi_received_before_easter_skips_good_friday_easter_monday_and_early_may(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(DeadlineKind.FOI, date(2025, 4, 11), region=england_and_wales)
    assert deadline.due == date(2025, 5, 14)


def test_foi_received_in_august_skips_the_english_summer_bank_holiday(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(DeadlineKind.FOI, date(2025, 8, 15), region=england_and_wales)
    assert deadline.due == date(2025, 9, 15)


def test_eir_received_in_late_october_has_no_holiday_in_range(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(DeadlineKind.EIR, date(2025, 10, 24), region=england_and_wales)
    assert deadline.due == date(2025, 11, 21)


def test_sar_received_on_a_saturday_is_due_on_the_corresponding_date(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(DeadlineKind.SAR, date(2025, 3, 15), region=england_and_wales)
    assert deadline.due == date(2025, 4, 15)


def test_sar_received_on_31_may_is_due_on_the_last_day_of_june(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(DeadlineKind.SAR, date(2025, 5, 31), region=england_and_wales)
    assert deadline.due == date(2025, 6, 30)


def test_stage_1_complaint_acknowledgement_skips_christmas_and_boxing_day(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.COMPLAINT_STAGE1_ACK, date(2025, 12, 19), region=england_and_wales
    )
    assert deadline.due == date(2025, 12, 30)


def test_foi_with_a_fees_notice_does_not_count_the_days_from_notice_to_payment(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.FOI,
        date(2026, 2, 2),
        pauses=[Pause(date(2026, 2, 9), date(2026, 2, 20), "fees notice")],
        region=england_and_wales,
    )
    assert deadline.due == date(2026, 3, 16)


def test_damp_and_mould_reported_friday_18_december_2026_is_investigated_by_6_january(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_INVESTIGATION, date(2026, 12, 18), region=england_and_wales
    )
    assert deadline.due == date(2027, 1, 6)


def test_an_investigation_concluding_6_january_2027_owes_the_summary_by_11_january(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_SUMMARY, date(2027, 1, 6), region=england_and_wales
    )
    assert deadline.due == date(2027, 1, 11)


def test_an_investigation_concluding_6_january_2027_owes_safety_work_by_13_january(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        DeadlineKind.HAZARD_SAFETY_WORK, date(2027, 1, 6), region=england_and_wales
    )
    assert deadline.due == date(2027, 1, 13)


def test_an_emergency_hazard_reported_2026_12_24_2130_is_made_safe_by_2026_12_25_2130() -> None:
    deadline = compute_hour_deadline(
        DeadlineKind.HAZARD_EMERGENCY, datetime(2026, 12, 24, 21, 30, tzinfo=UK_TIME_ZONE)
    )
    assert deadline.due_at == datetime(2026, 12, 25, 21, 30, tzinfo=UK_TIME_ZONE)
