"""The day a staff page is asked to show, read from its query string (`?day=`, `?week=`)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

# A council's bookings and takings fall well inside these years; a day outside them is a typo or
# a probe, and would overflow the date arithmetic of the pages (the day before, the week after).
EARLIEST_YEAR, LATEST_YEAR = 2000, 2999


def day_from_query(text: str) -> date:
    """The day in `text` (YYYY-MM-DD), or today when it is missing, malformed or out of range."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return timezone.localdate()
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return timezone.localdate()
    return day
