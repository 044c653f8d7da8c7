"""A record's fields in the forms the engine compares: phones, emails, postcodes, addresses."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .names import canonical_given, fold, sounds_like, split_name
from .records import PersonRecord

_DIGITS = re.compile(r"\D+")
_POSTCODE = re.compile(r"[^A-Z0-9]+")
_WORD = re.compile(r"[a-z0-9]+")
_UK_INWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
_GMAIL = frozenset({"gmail.com", "googlemail.com"})
# Street words as councils' address files abbreviate them.
_STREET_WORDS = {
    "street": "st",
    "road": "rd",
    "avenue": "ave",
    "av": "ave",
    "lane": "ln",
    "drive": "dr",
    "close": "cl",
    "court": "ct",
    "crescent": "cres",
    "place": "pl",
    "square": "sq",
    "terrace": "ter",
    "terr": "ter",
    "gardens": "gdns",
    "grove": "gr",
    "park": "pk",
    "mount": "mt",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "flat": "flat",
    "apartment": "flat",
    "apt": "flat",
    "circuit": "cct",
    "highway": "hwy",
    "parade": "pde",
}


def phone(text: str) -> str:
    """A UK number as 0 and ten digits (+44 7700 900123 -> 07700900123); other numbers as digits."""
    digits = _DIGITS.sub("", text)
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    elif (
        len(digits) == 10 and digits[0] in "123456789" and text.strip().startswith(("7", "1", "2"))
    ):
        digits = "0" + digits
    return digits if len(digits) >= 6 else ""


def email(text: str) -> str:
    """Lower case; for Gmail, dots and +tags in the local part dropped (they reach one inbox)."""
    text = text.strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or "." not in domain:
        return ""
    if domain in _GMAIL:
        local, domain = local.split("+", 1)[0].replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def postcode(text: str) -> str:
    """Upper case without spaces ("sw1a 1aa" -> "SW1A1AA")."""
    return _POSTCODE.sub("", text.upper())


def postcode_sector(code: str) -> str:
    """The outward code and the inward digit of a UK postcode ("SW1A1"); else all but the last."""
    if _UK_INWARD.match(code):
        return code[:-2]
    return code[:-1] if len(code) > 1 else ""


@lru_cache(maxsize=200_000)
def address(text: str) -> str:
    """Lower case, folded, punctuation dropped, street words abbreviated."""
    return " ".join(_STREET_WORDS.get(w, w) for w in _WORD.findall(fold(text)))


def house_number(normalised_address: str) -> str:
    """The first number in an address ("flat 2 10 high st" -> "2"), or ""."""
    for word in normalised_address.split():
        if word[0].isdigit():
            return word
    return ""


def uprn(text: str) -> str:
    """Digits without leading zeros (a UPRN is a number up to 12 digits)."""
    return _DIGITS.sub("", text).lstrip("0")


class Person(NamedTuple):
    """A record normalised once, so that comparing and blocking do not redo it."""

    id: int
    given: str
    given_canonical: str
    middle: tuple[str, ...]
    surname: str
    surname_key: str
    surname_parts: tuple[str, ...]
    surname_sound: str
    dob: int  # yyyymmdd, 0 when unknown
    email: str
    phone: str
    postcode: str
    address: str
    house_number: str
    uprn: str


def person(record: PersonRecord) -> Person:
    name = split_name(record.full_name)
    dob = record.date_of_birth
    home = address(record.address)
    return Person(
        id=record.id,
        given=name.given,
        given_canonical=canonical_given(name.given),
        middle=name.middle,
        surname=name.surname,
        surname_key=name.surname_key,
        surname_parts=name.surname_parts,
        surname_sound=sounds_like(name.surname_key),
        dob=dob.year * 10000 + dob.month * 100 + dob.day if dob else 0,
        email=email(record.email),
        phone=phone(record.phone),
        postcode=postcode(record.postcode),
        address=home,
        house_number=house_number(home),
        uprn=uprn(record.uprn),
    )
