"""The working-day calendars: which days stop a count, and how counts are made."""

from datetime import date, timedelta

import pytest
from dateutil.easter import easter

from opencex.clocks.calendars import (
    DateRange,
    WorkingDayCalendar,
    regional_calendar,
    uk_wide_calendar,
)

UK = uk_wide_calendar()
ENGLAND_AND_WALES = regional_calendar(["ENG", "WLS"])


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2025, 1, 2), "2 January (Scotland)"),
        (date(2026, 1, 2), "2 January (Scotland)"),
        (date(2023, 11, 30), "St Andrew's Day (Scotland)"),
        (date(2025, 12, 1), "St Andrew's Day substitute (Scotland)"),
        (date(2024, 12, 2), "St Andrew's Day substitute (Scotland)"),
        (date(2025, 3, 17), "St Patrick's Day (Northern Ireland)"),
        (date(2024, 3, 18), "St Patrick's Day substitute (Northern Ireland)"),
        (date(2024, 7, 12), "Battle of the Boyne (Northern Ireland)"),
        (date(2025, 7, 14), "Battle of the Boyne substitute (Northern Ireland)"),
        (date(2025, 8, 4), "first Monday in August (Scotland)"),
        (date(2026, 8, 3), "first Monday in August (Scotland)"),
        (date(2026, 6, 15), "World Cup bank holiday (Scotland)"),
    ],
)
def test_the_uk_wide_calendar_stops_on_a_scottish_or_northern_irish_bank_holiday(
    day: date, why: str
) -> None:
    assert not UK.is_working_day(day), why


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 2),
        date(2023, 11, 30),
        date(2025, 12, 1),
        date(2025, 3, 17),
        date(2024, 7, 12),
        date(2025, 7, 14),
        date(2025, 8, 4),
        date(2026, 6, 15),
    ],
)
def test_the_england_and_wales_calendar_works_on_scottish_and_northern_irish_holidays(
    day: date,
) -> None:
    assert ENGLAND_AND_WALES.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2022, 9, 19),  # state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # coronation of King Charles III
        date(2022, 6, 2),  # spring bank holiday moved for the Platinum Jubilee
        date(2022, 6, 3),  # Platinum Jubilee
    ],
)
def test_both_calendars_stop_on_the_one_off_proclaimed_days(day: date) -> None:
    assert not UK.is_working_day(day)
    assert not ENGLAND_AND_WALES.is_working_day(day)


def test_the_usual_spring_bank_holiday_date_of_2022_was_a_working_day() -> None:
    assert ENGLAND_AND_WALES.is_working_day(date(2022, 5, 30))


def test_scotland_s_world_cup_holiday_is_in_the_scottish_calendar() -> None:
    assert not regional_calendar(["SCT"]).is_working_day(date(2026, 6, 15))


@pytest.mark.parametrize("year", range(1995, 2041))
def test_good_friday_and_christmas_day_are_never_working_days(year: int) -> None:
    good_friday = easter(year) - timedelta(days=2)
    for calendar in (UK, ENGLAND_AND_WALES, regional_calendar(["SCT"])):
        assert not calendar.is_working_day(good_friday)
        assert not calendar.is_working_day(date(year, 12, 25))


def test_weekends_are_not_working_days() -> None:
    assert not ENGLAND_AND_WALES.is_working_day(date(2025, 6, 7))
    assert not ENGLAND_AND_WALES.is_working_day(date(2025, 6, 8))
    assert ENGLAND_AND_WALES.is_working_day(date(2025, 6, 9))


def test_an_ordinary_weekday_is_a_working_day_in_every_calendar() -> None:
    assert UK.is_working_day(date(2025, 6, 11))
    assert ENGLAND_AND_WALES.is_working_day(date(2025, 6, 11))


def test_a_council_closure_day_is_not_a_working_day_in_the_calendar_that_has_it() -> None:
    closed = regional_calendar(["ENG", "WLS"], closures=[date(2025, 12, 29)])
    assert not closed.is_working_day(date(2025, 12, 29))
    assert ENGLAND_AND_WALES.is_working_day(date(2025, 12, 29))


def test_a_calendar_without_closures_works_on_the_closure_days() -> None:
    closed = regional_calendar(["ENG"], closures=[date(2025, 12, 29)])
    assert closed.without_closures().is_working_day(date(2025, 12, 29))
    assert closed.without_closures() == regional_calendar(["ENG"])


def test_holidays_between_names_each_weekday_holiday_in_order() -> None:
    assert ENGLAND_AND_WALES.holidays_between(date(2025, 4, 1), date(2025, 5, 31)) == [
        (date(2025, 4, 18), "Good Friday"),
        (date(2025, 4, 21), "Easter Monday"),
        (date(2025, 5, 5), "May Day"),
        (date(2025, 5, 26), "Spring Bank Holiday"),
    ]


def test_holidays_between_includes_both_ends() -> None:
    days = [
        d for d, _ in ENGLAND_AND_WALES.holidays_between(date(2025, 12, 25), date(2025, 12, 26))
    ]
    assert days == [date(2025, 12, 25), date(2025, 12, 26)]


def test_holidays_between_leaves_out_a_holiday_that_falls_at_a_weekend() -> None:
    days = [d for d, _ in ENGLAND_AND_WALES.holidays_between(date(2022, 1, 1), date(2022, 1, 5))]
    assert days == [date(2022, 1, 3)]


def test_the_uk_wide_calendar_says_which_nations_keep_a_holiday_not_kept_everywhere() -> None:
    assert UK.holidays_between(date(2025, 3, 17), date(2025, 3, 17)) == [
        (date(2025, 3, 17), "Saint Patrick's Day (Northern Ireland)")
    ]
    assert UK.holidays_between(date(2025, 4, 21), date(2025, 4, 21)) == [
        (date(2025, 4, 21), "Easter Monday (England, Wales and Northern Ireland)")
    ]


def test_holidays_between_names_a_council_closure_day() -> None:
    closed = regional_calendar(["ENG", "WLS"], closures=[date(2025, 12, 29)])
    assert (date(2025, 12, 29), "Council closure day") in closed.holidays_between(
        date(2025, 12, 29), date(2025, 12, 29)
    )


def test_the_first_working_day_after_receipt_is_day_one() -> None:
    assert ENGLAND_AND_WALES.add_working_days(date(2025, 6, 9), 1) == date(2025, 6, 10)


def test_a_request_received_at_a_weekend_counts_from_the_next_working_day() -> None:
    assert ENGLAND_AND_WALES.add_working_days(date(2025, 6, 7), 1) == date(2025, 6, 9)


def test_adding_working_days_skips_weekends_and_holidays() -> None:
    assert ENGLAND_AND_WALES.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)


def test_working_days_in_an_excluded_range_do_not_count() -> None:
    excluded = [DateRange(date(2025, 6, 10), date(2025, 6, 11))]
    assert ENGLAND_AND_WALES.add_working_days(date(2025, 6, 9), 1, excluded=excluded) == date(
        2025, 6, 12
    )


def test_an_excluded_range_may_be_given_as_a_plain_pair_of_dates() -> None:
    excluded = [(date(2025, 6, 10), date(2025, 6, 10))]
    assert ENGLAND_AND_WALES.add_working_days(date(2025, 6, 9), 1, excluded=excluded) == date(
        2025, 6, 11
    )


@pytest.mark.parametrize("n", [0, -1])
def test_adding_fewer_than_one_working_day_is_refused(n: int) -> None:
    with pytest.raises(ValueError, match="at least one working day"):
        ENGLAND_AND_WALES.add_working_days(date(2025, 6, 9), n)


def test_next_working_day_on_or_after_a_working_day_is_that_day() -> None:
    assert ENGLAND_AND_WALES.next_working_day_on_or_after(date(2025, 6, 9)) == date(2025, 6, 9)


def test_next_working_day_on_or_after_a_holiday_weekend_is_the_tuesday() -> None:
    assert ENGLAND_AND_WALES.next_working_day_on_or_after(date(2025, 5, 3)) == date(2025, 5, 6)


def test_working_days_between_leaves_out_the_start_and_includes_the_end() -> None:
    assert ENGLAND_AND_WALES.working_days_between(date(2025, 6, 9), date(2025, 6, 13)) == 4


def test_working_days_between_a_date_and_an_earlier_one_is_zero() -> None:
    assert ENGLAND_AND_WALES.working_days_between(date(2025, 6, 13), date(2025, 6, 9)) == 0


def test_working_days_between_skips_an_excluded_range() -> None:
    excluded = [DateRange(date(2025, 6, 10), date(2025, 6, 11))]
    count = ENGLAND_AND_WALES.working_days_between(
        date(2025, 6, 9), date(2025, 6, 13), excluded=excluded
    )
    assert count == 2


def test_a_date_range_contains_both_of_its_ends() -> None:
    span = DateRange(date(2026, 2, 9), date(2026, 2, 20))
    assert date(2026, 2, 9) in span
    assert date(2026, 2, 20) in span
    assert date(2026, 2, 21) not in span


def test_the_uk_wide_calendar_covers_all_four_nations() -> None:
    assert UK.subdivisions == ("ENG", "WLS", "SCT", "NIR")
    assert UK.name == "UK-wide"


def test_a_regional_calendar_is_named_after_its_nations() -> None:
    assert ENGLAND_AND_WALES.name == "England and Wales"
    assert regional_calendar(["NIR"]).name == "Northern Ireland"


def test_a_regional_calendar_lists_its_nations_in_the_usual_order_once() -> None:
    assert regional_calendar(["WLS", "ENG", "WLS"]).subdivisions == ("ENG", "WLS")


def test_an_unknown_region_code_is_refused_with_the_valid_codes() -> None:
    with pytest.raises(ValueError, match=r"Unknown holiday region code 'UK'.*ENG \(England\)"):
        regional_calendar(["ENG", "UK"])


def test_a_lower_case_region_code_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown holiday region code 'eng'"):
        regional_calendar(["eng"])


def test_an_empty_region_is_refused() -> None:
    with pytest.raises(ValueError, match="list of nation codes"):
        regional_calendar([])


def test_a_region_given_as_one_string_is_refused() -> None:
    with pytest.raises(ValueError, match="list of nation codes"):
        regional_calendar("ENG")


def test_a_calendar_built_directly_is_validated_too() -> None:
    with pytest.raises(ValueError, match="Unknown holiday region code 'GB'"):
        WorkingDayCalendar(("GB",))


def test_a_calendar_is_immutable() -> None:
    with pytest.raises(AttributeError):
        ENGLAND_AND_WALES.subdivisions = ("SCT",)  # type: ignore[misc]
