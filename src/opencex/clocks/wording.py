"""Plain-English wording of dates and counts for the explanations a caseworker reads out."""

from __future__ import annotations

from datetime import date, datetime, time

# Spelt out here rather than taken from strftime, whose names follow the process locale.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SMALL_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def day_month_year(day: date) -> str:
    """18 April 2025."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """Friday 18 April 2025."""
    return f"{_WEEKDAYS[day.weekday()]} {day_month_year(day)}"


def time_of_day(moment: datetime) -> str:
    """21:30, on the 24-hour clock, as the moment's own clock reads it."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def clock_time(moment: datetime | time) -> str:
    """9:30pm, 10am, midday, midnight: a time as GOV.UK style writes it, as the moment's own
    clock reads it. The one way letters and pages (staff and residents') write a time in English."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}:{moment.minute:02d}{suffix}" if moment.minute else f"{hour}{suffix}"


def weekday_name(day: date) -> str:
    return _WEEKDAYS[day.weekday()]


def month_year(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ..."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def count(n: int, unit: str) -> str:
    """ "one calendar month", "3 calendar months", "1 working day", "10 working days".

    Months are spelt out because people say them so; day counts stay as figures.
    """
    spelt = _SMALL_NUMBERS[n] if "month" in unit and 0 <= n < len(_SMALL_NUMBERS) else str(n)
    return f"{spelt} {unit if n == 1 else unit + 's'}"
