"""Properties of the calendars and clocks that hold for any date, checked with Hypothesis."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from opencex.clocks.calendars import (
    DateRange,
    WorkingDayCalendar,
    received_on,
    regional_calendar,
    uk_wide_calendar,
)
from opencex.clocks.rules import Pause, add_calendar_months, compute_deadline

CALENDARS = [
    uk_wide_calendar(),
    regional_calendar(["ENG", "WLS"]),
    regional_calendar(["SCT"]),
    regional_calendar(["NIR"]),
]
ENGLAND_AND_WALES = CALENDARS[1]

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31))
counts = st.integers(min_value=1, max_value=60)
calendars = st.sampled_from(CALENDARS)
# The first call for a year builds its holidays; that must not count as a slow example.
patient = settings(deadline=None, max_examples=150)


@patient
@given(calendars, dates, counts)
def test_adding_working_days_lands_on_a_working_day_strictly_after_the_start(
    calendar: WorkingDayCalendar, start: date, n: int
) -> None:
    due = calendar.add_working_days(start, n)
    assert due > start
    assert calendar.is_working_day(due)


@patient
@given(calendars, dates, counts)
def test_exactly_n_working_days_lie_after_the_start_up_to_the_result(
    calendar: WorkingDayCalendar, start: date, n: int
) -> None:
    due = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, due) == n
    assert calendar.working_days_between(start, due - timedelta(days=1)) == n - 1


@patient
@given(calendars, dates, counts, counts)
def test_adding_n_then_m_working_days_is_adding_n_plus_m(
    calendar: WorkingDayCalendar, start: date, n: int, m: int
) -> None:
    assert calendar.add_working_days(calendar.add_working_days(start, n), m) == (
        calendar.add_working_days(start, n + m)
    )


@patient
@given(calendars, dates, st.integers(min_value=0, max_value=30), counts)
def test_a_later_start_never_gives_an_earlier_result(
    calendar: WorkingDayCalendar, start: date, later_by: int, n: int
) -> None:
    later = start + timedelta(days=later_by)
    assert calendar.add_working_days(start, n) <= calendar.add_working_days(later, n)


@patient
@given(calendars, dates, counts, st.integers(min_value=0, max_value=30))
def test_more_working_days_never_give_an_earlier_result(
    calendar: WorkingDayCalendar, start: date, n: int, more: int
) -> None:
    assert calendar.add_working_days(start, n) <= calendar.add_working_days(start, n + more)


@patient
@given(
    calendars,
    dates,
    counts,
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 15)), max_size=3),
)
def test_working_days_in_excluded_ranges_do_not_count(
    calendar: WorkingDayCalendar, start: date, n: int, spans: list[tuple[int, int]]
) -> None:
    excluded = [
        DateRange(start + timedelta(days=offset), start + timedelta(days=offset + length))
        for offset, length in spans
    ]
    due = calendar.add_working_days(start, n, excluded=excluded)
    counted = [
        start + timedelta(days=k)
        for k in range(1, (due - start).days + 1)
        if calendar.is_working_day(start + timedelta(days=k))
        and not any(start + timedelta(days=k) in span for span in excluded)
    ]
    assert len(counted) == n
    assert counted[-1] == due


def _non_working_run(calendar: WorkingDayCalendar, near: date, length: int) -> DateRange:
    """A run of consecutive non-working days at or after `near`, at most `length` long."""
    start = near
    while calendar.is_working_day(start):
        start += timedelta(days=1)
    end = start
    while end - start < timedelta(days=length) and not calendar.is_working_day(
        end + timedelta(days=1)
    ):
        end += timedelta(days=1)
    return DateRange(start, end)


@patient
@given(dates, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=4))
def test_a_pause_covering_no_working_day_changes_nothing(
    received: date, offset: int, length: int
) -> None:
    uk = uk_wide_calendar()
    span = _non_working_run(uk, received + timedelta(days=offset), length)
    paused = compute_deadline(
        "foi", received, pauses=[Pause(*span, "fees notice")], region=ENGLAND_AND_WALES
    )
    plain = compute_deadline("foi", received, region=ENGLAND_AND_WALES)
    assert paused.due == plain.due


@patient
@given(
    dates,
    st.sampled_from(["sar", "sar-extended"]),
    st.lists(st.tuples(st.integers(0, 25), st.integers(0, 10)), max_size=2),
)
def test_a_sar_is_never_due_before_the_corresponding_date_and_always_on_a_working_day(
    received: date, kind: str, spans: list[tuple[int, int]]
) -> None:
    pauses = [
        Pause(received + timedelta(days=o), received + timedelta(days=o + n), "clarification")
        for o, n in spans
    ]
    deadline = compute_deadline(kind, received, pauses=pauses, region=ENGLAND_AND_WALES)
    months = 1 if kind == "sar" else 3
    corresponding = add_calendar_months(received, months)
    stopped = sum((p.end - p.start).days + 1 for p in pauses if p.end is not None)
    assert deadline.due is not None
    assert corresponding <= deadline.due
    assert ENGLAND_AND_WALES.is_working_day(deadline.due)
    assert deadline.due - corresponding < timedelta(days=stopped + 7)


@patient
@given(dates, st.integers(min_value=0, max_value=36))
def test_calendar_months_agree_with_dateutil(start: date, months: int) -> None:
    assert add_calendar_months(start, months) == start + relativedelta(months=months)


LONDON = ZoneInfo("Europe/London")


@patient
@given(
    st.datetimes(
        # Hypothesis takes naive bounds and attaches each zone to the times it draws.
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2060, 12, 31),
        timezones=st.sampled_from(
            [UTC, LONDON, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")]
        ),
    )
)
def test_the_date_of_receipt_is_the_uk_local_date_whatever_zone_the_time_is_given_in(
    moment: datetime,
) -> None:
    received = received_on(moment)
    assert received == moment.astimezone(LONDON).date()
    assert received == received_on(moment.astimezone(UTC))
    # The UK is never behind UTC, and at most an hour ahead of it.
    assert received - moment.astimezone(UTC).date() in (timedelta(0), timedelta(days=1))
