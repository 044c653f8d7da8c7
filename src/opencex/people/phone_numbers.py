"""What counts as a phone number, and how the council stores one: spaces, hyphens, dots and
brackets dropped, +44 (or +44 (0)) written as 0. "07700 900 982", "+44 7700 900982" and
"07700900982" are one number, stored as the last. A number from another country is kept with its
country code ("+48 601 234 567" as "+48601234567", E.164: at most 15 digits); text messages go to
UK mobiles only."""

from __future__ import annotations

import re

UK_MOBILE = re.compile(r"^07[0-9]{9}$")
# 0 and then 9 or 10 digits: geographic, non-geographic and mobile numbers.
UK_NUMBER = re.compile(r"^0[1-9][0-9]{8,9}$")
# + and a country code other than the UK's, then the number: 8 to 15 digits in all (E.164).
INTERNATIONAL = re.compile(r"^\+(?!44)[1-9][0-9]{7,14}$")


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


def phone_number(text: str) -> str | None:
    """A UK number in its stored form, or another country's with its country code; or None."""
    written = compact(text)
    if UK_NUMBER.match(written) or INTERNATIONAL.match(written):
        return written
    return None
