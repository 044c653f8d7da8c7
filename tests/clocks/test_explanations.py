"""The reasons given with a due date, which a caseworker reads out to a resident."""

from datetime import date

from opencex.clocks.calendars import WorkingDayCalendar, regional_calendar
from opencex.clocks.rules import Pause, compute_deadline


def test_an_foi_explanation_reads_as_the_rule_the_start_the_calendar_the_skips_and_the_date(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("foi", date(2025, 4, 11), region=england_and_wales)
    assert deadline.explanation == (
        "Freedom of Information request: respond by the 20th working day after the date of "
        "receipt (FOIA 2000 s10(1)).",
        "Received Friday 11 April 2025; that day is day 0.",
        "Working days are counted in the UK-wide calendar: weekends, Christmas Day, Good Friday "
        "and a bank holiday in any part of the UK do not count (FOIA 2000 s10(6)).",
        "Good Friday 18 April 2025 skipped.",
        "Easter Monday (England, Wales and Northern Ireland) 21 April 2025 skipped.",
        "May Day 5 May 2025 skipped.",
        "Due: Wednesday 14 May 2025.",
    )


def test_an_foi_explanation_names_a_scottish_holiday_and_where_it_is_kept(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("foi", date(2025, 7, 31), region=england_and_wales)
    assert "Summer Bank Holiday (Scotland) 4 August 2025 skipped." in deadline.explanation


def test_an_eir_explanation_cites_the_eir_definition_of_a_working_day(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("eir", date(2025, 10, 24), region=england_and_wales)
    assert "(EIR 2004 reg 5(2))" in deadline.explanation[0]
    assert "(EIR 2004 reg 2(1))" in deadline.explanation[2]


def test_a_fees_notice_explanation_says_how_many_working_days_it_removed(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2026, 2, 9), date(2026, 2, 20), "fees notice")
    deadline = compute_deadline("foi", date(2026, 2, 2), pauses=[pause], region=england_and_wales)
    assert (
        "Clock stopped from Monday 9 February 2026 to Friday 20 February 2026, both days "
        "included (fees notice): 10 working days not counted." in deadline.explanation
    )
    assert deadline.explanation[-1] == "Due: Monday 16 March 2026."


def test_a_pause_over_a_weekend_is_explained_as_removing_no_working_day(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2026, 2, 7), date(2026, 2, 8), "fees notice")
    deadline = compute_deadline("foi", date(2026, 2, 2), pauses=[pause], region=england_and_wales)
    assert deadline.explanation[3].endswith("(fees notice): no working day in it.")


def test_holidays_inside_a_pause_are_not_listed_as_skipped(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2025, 4, 14), date(2025, 4, 25), "fees notice")
    deadline = compute_deadline("foi", date(2025, 4, 11), pauses=[pause], region=england_and_wales)
    assert "Good Friday 18 April 2025 skipped." not in deadline.explanation
    assert "May Day 5 May 2025 skipped." in deadline.explanation


def test_a_sar_explanation_gives_the_corresponding_date(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("sar", date(2025, 3, 15), region=england_and_wales)
    assert deadline.explanation == (
        "Subject access request: respond within one calendar month of the day the clock "
        "started (UK GDPR Art 12(3)).",
        "Clock started Saturday 15 March 2025; that day is day 0.",
        "One calendar month from 15 March 2025 is Tuesday 15 April 2025, the corresponding date.",
        "A deadline that falls on a weekend, Christmas Day, Good Friday or a bank holiday in "
        "England and Wales moves to the next working day.",
        "Due: Tuesday 15 April 2025.",
    )


def test_a_sar_explanation_says_when_the_month_has_no_corresponding_date(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("sar", date(2025, 5, 31), region=england_and_wales)
    assert (
        "One calendar month from 31 May 2025 ends in June 2025, which has no 31st, so on its "
        "last day, Monday 30 June 2025." in deadline.explanation
    )


def test_a_sar_explanation_says_why_the_date_rolled_forward(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("sar", date(2025, 4, 3), region=england_and_wales)
    assert (
        "Saturday 3 May 2025 is not a working day in the England and Wales calendar, so the "
        "deadline moves to the next working day (May Day 5 May 2025 skipped)."
        in deadline.explanation
    )
    assert deadline.explanation[-1] == "Due: Tuesday 6 May 2025."


def test_a_sar_stop_the_clock_explanation_gives_the_calendar_days_added(
    england_and_wales: WorkingDayCalendar,
) -> None:
    pause = Pause(date(2025, 3, 20), date(2025, 3, 21), "clarification asked for")
    deadline = compute_deadline("sar", date(2025, 3, 15), pauses=[pause], region=england_and_wales)
    assert (
        "Clock stopped from Thursday 20 March 2025 to Friday 21 March 2025, both days included "
        "(clarification asked for): 2 calendar days added." in deadline.explanation
    )
    assert (
        "With the clock stopped for 2 days in all, the date moves to Thursday 17 April 2025."
        in deadline.explanation
    )


def test_a_complaint_response_explanation_counts_from_the_acknowledgement(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        "complaint-stage1-response", date(2025, 5, 1), region=england_and_wales
    )
    assert "respond by the 10th working day after the acknowledgement" in deadline.explanation[0]
    assert deadline.explanation[1] == "Acknowledged Thursday 1 May 2025; that day is day 0."
    assert (
        "Working days are counted in the England and Wales calendar: weekends, Christmas Day, "
        "Good Friday and bank holidays in England and Wales do not count." in deadline.explanation
    )


def test_an_extension_explanation_gives_the_original_and_the_extended_dates(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        "complaint-stage1-response",
        date(2025, 5, 1),
        extension_days=10,
        region=england_and_wales,
    )
    assert (
        "Extended once by 10 working days (at most 10 allowed): from Friday 16 May 2025 to "
        "Monday 2 June 2025." in deadline.explanation
    )
    assert "Spring Bank Holiday 26 May 2025 skipped." in deadline.explanation


def test_a_service_standard_explanation_names_the_council_closure_days() -> None:
    closed = regional_calendar(["ENG", "WLS"], closures=[date(2025, 12, 29)])
    deadline = compute_deadline(
        "service-standard", date(2025, 12, 23), standard_days=2, region=closed
    )
    assert "Council closure day 29 December 2025 skipped." in deadline.explanation
    assert "and the council's closure days do not count." in deadline.explanation[2]
