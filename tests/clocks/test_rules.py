"""The rule table: every kind, its amount, unit, calendar and authority."""

from datetime import date

import pytest

from opencex.clocks.calendars import WorkingDayCalendar, regional_calendar
from opencex.clocks.rules import (
    RULES,
    CalendarScope,
    DeadlineKind,
    Unit,
    compute_deadline,
    parse_kind,
)

UK, REGIONAL = CalendarScope.UK_WIDE, CalendarScope.REGIONAL
DAYS, MONTHS = Unit.WORKING_DAYS, Unit.CALENDAR_MONTHS


def test_the_kinds_are_exactly_the_command_line_values() -> None:
    assert [kind.value for kind in DeadlineKind] == [
        "foi",
        "eir",
        "foi-pit-extended",
        "eir-extended",
        "foi-internal-review",
        "foi-internal-review-extended",
        "sar",
        "sar-extended",
        "complaint-stage1-ack",
        "complaint-stage1-response",
        "complaint-stage2-ack",
        "complaint-stage2-response",
        "service-standard",
        "hazard-emergency",
        "hazard-investigation",
        "hazard-summary",
        "hazard-safety-work",
        "hazard-further-work",
        "homelessness-prevention",
        "homelessness-relief",
    ]


@pytest.mark.parametrize(
    ("kind", "calendar", "unit", "amount", "citation"),
    [
        ("foi", UK, DAYS, 20, "FOIA 2000 s10(1)"),
        ("foi-pit-extended", UK, DAYS, 40, "FOIA 2000 s10(3)"),
        ("eir", UK, DAYS, 20, "EIR 2004 reg 5(2)"),
        ("eir-extended", UK, DAYS, 40, "EIR 2004 reg 7(1)"),
        ("foi-internal-review", UK, DAYS, 20, "FOIA 2000 s45 Code of Practice"),
        ("foi-internal-review-extended", UK, DAYS, 40, "FOIA 2000 s45 Code of Practice"),
        ("sar", REGIONAL, MONTHS, 1, "UK GDPR Art 12(3)"),
        ("sar-extended", REGIONAL, MONTHS, 3, "UK GDPR Art 12(3)"),
        ("complaint-stage1-ack", REGIONAL, DAYS, 5, "Complaint Handling Code"),
        ("complaint-stage1-response", REGIONAL, DAYS, 10, "Complaint Handling Code"),
        ("complaint-stage2-ack", REGIONAL, DAYS, 5, "Complaint Handling Code"),
        ("complaint-stage2-response", REGIONAL, DAYS, 20, "Complaint Handling Code"),
        ("service-standard", REGIONAL, DAYS, None, "service standard"),
        ("homelessness-prevention", REGIONAL, Unit.CALENDAR_DAYS, 56, "Housing Act 1996 s195"),
        ("homelessness-relief", REGIONAL, Unit.CALENDAR_DAYS, 56, "Housing Act 1996 s189B"),
    ],
)
def test_each_kind_has_the_statutory_amount_unit_calendar_and_citation(
    kind: str, calendar: CalendarScope, unit: Unit, amount: int | None, citation: str
) -> None:
    rule = RULES[DeadlineKind(kind)]
    assert (rule.calendar, rule.unit, rule.amount) == (calendar, unit, amount)
    assert citation in rule.citation


@pytest.mark.parametrize(
    ("kind", "limit"),
    [("complaint-stage1-response", 10), ("complaint-stage2-response", 20)],
)
def test_only_complaint_responses_may_be_extended_by_days(kind: str, limit: int) -> None:
    extendable = {k: r.max_extension_days for k, r in RULES.items() if r.max_extension_days}
    assert extendable[DeadlineKind(kind)] == limit
    assert len(extendable) == 2


def test_a_kind_can_be_given_as_its_command_line_value(
    england_and_wales: WorkingDayCalendar,
) -> None:
    by_name = compute_deadline("foi", date(2025, 4, 11), region=england_and_wales)
    assert by_name.kind is DeadlineKind.FOI
    assert by_name.due == date(2025, 5, 14)


def test_an_unknown_kind_is_refused_with_the_list_of_valid_kinds() -> None:
    with pytest.raises(ValueError, match="Unknown deadline kind 'fio'; use one of: foi, eir, "):
        parse_kind("fio")


def test_foi_pit_extended_is_the_40th_uk_working_day_after_receipt(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 20 working days after 2025-05-14, itself the 20th after 2025-04-11 (no UK holiday between).
    deadline = compute_deadline("foi-pit-extended", date(2025, 4, 11), region=england_and_wales)
    assert deadline.due == date(2025, 6, 12)


def test_eir_extended_is_the_40th_uk_working_day_after_receipt(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 2025-07-04: 20th UK working day is 5 August, 40th is 3 September (25 Aug skipped).
    deadline = compute_deadline("eir-extended", date(2025, 7, 4), region=england_and_wales)
    assert deadline.due == date(2025, 9, 3)


def test_eir_counts_in_the_uk_wide_calendar_even_for_an_english_council(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 14 July (Battle of the Boyne, substitute) and 4 August (Scotland) are not working days.
    deadline = compute_deadline("eir", date(2025, 7, 4), region=england_and_wales)
    assert deadline.due == date(2025, 8, 5)


def test_foi_internal_review_counts_20_uk_working_days(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # 28 November 2025: 1 December (St Andrew's Day, substitute) and 25-26 December skipped.
    deadline = compute_deadline("foi-internal-review", date(2025, 11, 28), region=england_and_wales)
    assert deadline.due == date(2025, 12, 31)


def test_foi_internal_review_extended_counts_40_uk_working_days(
    england_and_wales: WorkingDayCalendar,
) -> None:
    # From the 20th (31 December 2025): 1 January and 2 January (Scotland) 2026 skipped.
    deadline = compute_deadline(
        "foi-internal-review-extended", date(2025, 11, 28), region=england_and_wales
    )
    assert deadline.due == date(2026, 1, 30)


def test_a_uk_wide_calendar_passed_in_is_the_one_foi_uses(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        "eir", date(2025, 7, 4), region=england_and_wales, uk=england_and_wales
    )
    assert deadline.due == date(2025, 8, 1)


def test_a_complaint_counts_in_the_council_s_own_region_not_the_uk_wide_calendar() -> None:
    english = regional_calendar(["ENG"])
    scottish = regional_calendar(["SCT"])
    received = date(2025, 11, 28)
    assert compute_deadline("complaint-stage1-ack", received, region=english).due == date(
        2025, 12, 5
    )
    assert compute_deadline("complaint-stage1-ack", received, region=scottish).due == date(
        2025, 12, 8
    )


def test_stage_2_acknowledgement_is_five_working_days_after_the_escalation_request(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("complaint-stage2-ack", date(2025, 5, 1), region=england_and_wales)
    assert deadline.due == date(2025, 5, 9)


def test_a_service_standard_counts_its_own_number_of_working_days(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        "service-standard", date(2025, 6, 6), standard_days=2, region=england_and_wales
    )
    assert deadline.due == date(2025, 6, 10)


def test_a_service_standard_skips_council_closure_days() -> None:
    closed = regional_calendar(["ENG", "WLS"], closures=[date(2025, 12, 29), date(2025, 12, 30)])
    deadline = compute_deadline(
        "service-standard", date(2025, 12, 23), standard_days=3, region=closed
    )
    assert deadline.due == date(2026, 1, 2)


def test_council_closure_days_do_not_stop_a_statutory_clock() -> None:
    closed = regional_calendar(["ENG", "WLS"], closures=[date(2025, 12, 29), date(2025, 12, 30)])
    deadline = compute_deadline("complaint-stage1-ack", date(2025, 12, 19), region=closed)
    assert deadline.due == date(2025, 12, 30)


def test_a_council_closure_on_the_sar_due_date_does_not_move_it() -> None:
    closed = regional_calendar(["ENG", "WLS"], closures=[date(2025, 4, 15)])
    assert compute_deadline("sar", date(2025, 3, 15), region=closed).due == date(2025, 4, 15)


@pytest.mark.parametrize("days", [None, 0, -3])
def test_a_service_standard_without_a_positive_number_of_days_is_refused(
    days: int | None, england_and_wales: WorkingDayCalendar
) -> None:
    with pytest.raises(ValueError, match="service standard needs its number of working days"):
        compute_deadline(
            "service-standard", date(2025, 6, 6), standard_days=days, region=england_and_wales
        )


def test_a_number_of_days_for_a_statutory_clock_is_refused(
    england_and_wales: WorkingDayCalendar,
) -> None:
    with pytest.raises(ValueError, match="Only a service standard takes a number of days"):
        compute_deadline("foi", date(2025, 6, 6), standard_days=5, region=england_and_wales)
