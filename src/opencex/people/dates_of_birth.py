"""The one rule for a date of birth, whichever door it comes through (the staff resident form,
a citizen form's date-of-birth question, `create_resident`): in the past, and not before the
oldest age anyone could be."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

OLDEST_AGE_IN_YEARS = 130


def earliest_date_of_birth(today: dt.date) -> dt.date:
    """The earliest believable date of birth on `today` (29 February falls back a day)."""
    year = today.year - OLDEST_AGE_IN_YEARS
    try:
        return today.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def date_of_birth_problem(born: dt.date, *, today: dt.date | None = None) -> str | None:
    """Why `born` cannot be a person's date of birth, in GOV.UK's words; None if it can."""
    today = today or timezone.localdate()
    if born >= today:
        return _("Date of birth must be in the past")
    earliest = earliest_date_of_birth(today)
    if born < earliest:
        return _("Date of birth must be the same as or after %(earliest)s") % {
            "earliest": formats.date_format(earliest, "j F Y")
        }
    return None


class DateOfBirthRefused(ValueError):
    """A date of birth that cannot be right, with the sentence to show."""


def check_date_of_birth(born: dt.date | None) -> dt.date | None:
    """`born` if it can be a date of birth (or None when not given); DateOfBirthRefused if not."""
    if born is not None and (problem := date_of_birth_problem(born)):
        raise DateOfBirthRefused(problem)
    return born
