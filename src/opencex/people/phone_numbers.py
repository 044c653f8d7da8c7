"""What counts as a UK phone number, and how the council stores one: spaces, hyphens, dots and
brackets dropped, +44 (or +44 (0)) written as 0. "07700 900 982", "+44 7700 900982" and
"07700900982" are one number, stored as the last."""

from __future__ import annotations

import re

UK_MOBILE = re.compile(r"^07[0-9]{9}$")
# 0 and then 9 or 10 digits: geographic, non-geographic and mobile numbers.
UK_NUMBER = re.compile(r"^0[1-9][0-9]{8,9}$")


def compact(text: str) -> str:
    """The number as written, without separators, +44 written as 0."""
    written = re.sub(r"[\s().-]", "", text)
    for international in ("+440", "+44"):
        if written.startswith(international):
            return "0" + written[len(international) :]
    return written


def uk_phone_number(text: str) -> str | None:
    """A UK phone number in its stored form, or None."""
    written = compact(text)
    return written if UK_NUMBER.match(written) else None


def uk_mobile(text: str) -> str | None:
    """A UK mobile number in its stored form (07...), or None."""
    written = compact(text)
    return written if UK_MOBILE.match(written) else None
