"""Every day from 2022 to 2027, every kind without pauses, against a second, deliberately plain
implementation written straight from RULES.md (day-by-day counting, no shared code)."""

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from dateutil.easter import easter

from opencex.clocks.calendars import regional_calendar, uk_wide_calendar
from opencex.clocks.rules import compute_deadline, compute_hour_deadline

UK = ("ENG", "WLS", "SCT", "NIR")
REGION = ("ENG", "WLS")
_cache: dict[tuple[tuple[str, ...], int], set[date]] = {}


def is_working_day(day: date, nations: tuple[str, ...]) -> bool:
    key = (nations, day.year)
    if key not in _cache:
        found = {date(day.year, 12, 25), easter(day.year) - timedelta(days=2)}
        for nation in nations:
            found |= set(holidays.country_holidays("GB", subdiv=nation, years=day.year))
        _cache[key] = found
    return day.weekday() < 5 and day not in _cache[key]


def nth_working_day_after(day: date, n: int, nations: tuple[str, ...]) -> date:
    while n:
        day += timedelta(days=1)
        n -= is_working_day(day, nations)
    return day


def month_later_then_working_day(day: date, months: int) -> date:
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    due = date(year, index + 1, min(day.day, calendar.monthrange(year, index + 1)[1]))
    while not is_working_day(due, REGION):
        due += timedelta(days=1)
    return due


ORACLE = {
    "foi": lambda d: nth_working_day_after(d, 20, UK),
    "eir": lambda d: nth_working_day_after(d, 20, UK),
    "foi-pit-extended": lambda d: nth_working_day_after(d, 40, UK),
    "eir-extended": lambda d: nth_working_day_after(d, 40, UK),
    "foi-internal-review": lambda d: nth_working_day_after(d, 20, UK),
    "sar": lambda d: month_later_then_working_day(d, 1),
    "sar-extended": lambda d: month_later_then_working_day(d, 3),
    "complaint-stage1-ack": lambda d: nth_working_day_after(d, 5, REGION),
    "complaint-stage1-response": lambda d: nth_working_day_after(d, 10, REGION),
    "complaint-stage2-ack": lambda d: nth_working_day_after(d, 5, REGION),
    "complaint-stage2-response": lambda d: nth_working_day_after(d, 20, REGION),
    "hazard-investigation": lambda d: nth_working_day_after(d, 10, REGION),
    "hazard-summary": lambda d: nth_working_day_after(d, 3, REGION),
    "hazard-safety-work": lambda d: nth_working_day_after(d, 5, REGION),
    "hazard-further-work": lambda d: d + timedelta(weeks=12),
}


@pytest.mark.parametrize("hour", [0, 1, 2, 12, 23])
def test_every_hour_clock_of_six_years_is_24_hours_of_real_time_read_in_london(hour):
    london = ZoneInfo("Europe/London")
    day, disagreements = date(2022, 1, 1), []
    while day <= date(2027, 12, 31):
        aware = datetime(day.year, day.month, day.day, hour, 30, tzinfo=UTC)
        ours = compute_hour_deadline("hazard-emergency", aware).due_at
        plain = datetime.fromtimestamp(aware.timestamp() + 24 * 3600, tz=london)
        if ours != plain or ours.tzinfo != london:
            disagreements.append((aware, ours, plain))
        day += timedelta(days=1)
    assert disagreements == []


@pytest.mark.parametrize("kind", ORACLE)
def test_every_day_of_six_years_agrees_with_the_plain_reading_of_the_rules(kind):
    region, uk = regional_calendar(REGION), uk_wide_calendar()
    day, disagreements = date(2022, 1, 1), []
    while day <= date(2027, 12, 31):
        ours = compute_deadline(kind, day, region=region, uk=uk).due
        if ours != ORACLE[kind](day):
            disagreements.append((day, ours, ORACLE[kind](day)))
        day += timedelta(days=1)
    assert disagreements == []
