"""A search term as it is kept for the web measures: normalised (one spelling of the same words)
and with what could identify a person taken out. Residents type their lives into search boxes
("council tax 4412345678", "missed bin 12 Acacia Avenue OX4 2JD", "jo@example.com"); what is
kept says what they looked for, never who they are.

What goes: email addresses, phone numbers, case references in the council's shape (with or
without their hyphens), dates (12/05/1980, 12-05-1980, 12.05.1980), National Insurance numbers,
9 or more digits with spaces or hyphens between (an NHS number), any other run of 5 or more
digits (an account, a UPRN, a bill), the
inward half of a postcode (OX4 2JD is kept as its district, ox4), and a house number before a
street name. Each is replaced by a marker in square brackets ("[email]"), so that staff see
that something was typed there. Pure Python: no database, no Django settings.

The case references' shape belongs to `cases` (a layer above search): the cases app registers it
at start-up with `register_reference_shape`, as other apps register their search sources.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TERM_LENGTH = 200

EMAIL = "[email]"
PHONE = "[phone]"
REFERENCE = "[reference]"
NUMBER = "[number]"
DATE = "[date]"

_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")
# A phone number as people write one: +44 or 0, then digits with spaces, dots, hyphens or
# brackets between; at least 10 digits (checked below) so a date or a house number is not one.
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().-]{7,}\d(?!\w)")


@dataclass(frozen=True)
class ReferenceShape:
    """How the council's references are written: a prefix, a hyphen, two groups of `group`
    characters from `alphabet` separated by a hyphen (SR-7KQM-3XHD)."""

    prefixes: tuple[str, ...]
    alphabet: str
    group: int


_reference_patterns: list[re.Pattern[str]] = []


def register_reference_shape(shape: ReferenceShape) -> None:
    """Take references of `shape` out of kept terms, written as issued or without their hyphens
    or with spaces ("sr 7kqm 3xhd", "SR7KQM3XHD"). Registering the same shape twice is harmless."""
    prefixes = "|".join(re.escape(p) for p in sorted(shape.prefixes, key=len, reverse=True))
    body = f"[{re.escape(shape.alphabet)}]{{{shape.group}}}"
    pattern = re.compile(rf"\b(?:{prefixes})([\s-]?)({body})([\s-]?)({body})\b", re.IGNORECASE)
    if all(known.pattern != pattern.pattern for known in _reference_patterns):
        _reference_patterns.append(pattern)


_LONG_DIGITS = re.compile(r"\d{5,}")
# 9 or more digits with spaces or hyphens between, whatever the first digit: an NHS number
# (943 476 5919), a bank account with its sort code, a National Insurance number's digits.
_SEPARATED_DIGITS = re.compile(r"(?<!\w)\d(?:[ \t-]?\d){8,}(?!\w)")
# A National Insurance number (QQ 12 34 56 C), with or without its spaces and final letter.
_NI_NUMBER = re.compile(r"\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}(?:\s?[a-d])?\b", re.IGNORECASE)
# A date written with slashes, hyphens or dots, day first or year first (12/05/1980,
# 12-5-80, 12.05.1980, 1980-05-12): a date of birth says who someone is.
_DATE = re.compile(
    r"(?<![\w/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})"
    r"(?![\w/.-]*\d)"
)
# A full UK postcode: its outward code (the district) is kept, the inward code goes.
_POSTCODE = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?)\s*\d[a-z]{2}\b", re.IGNORECASE)
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|way|drive|dr|crescent|place|court|gardens|"
    "terrace|grove|hill|row|square|walk|mews|rise|view|park|green|parade|vale|end|ct"
)
# A house number (12, 12a, 12-14, flat 3) before up to three words and a street word.
_HOUSE_NUMBER = re.compile(
    rf"\b\d{{1,4}}[a-z]?(?:\s*-\s*\d{{1,4}}[a-z]?)?,?\s+(?=(?:[^\W\d_]+\s+){{1,3}}(?:{_STREET_WORDS})\b)",
    re.IGNORECASE,
)
_FLAT = re.compile(r"\b(flat|apartment|unit)\s+\d{1,4}[a-z]?\b", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e?!.,;:()"


def _phone(match: re.Match[str]) -> str:
    written = match.group()
    digits = sum(character.isdigit() for character in written)
    # UK numbers start 0 (or +44, 0044); a bare run of digits is an account number instead.
    looks_dialled = written.lstrip("(").startswith(("0", "+"))
    return f" {PHONE} " if digits >= 10 and looks_dialled else written


def _reference(match: re.Match[str]) -> str:
    # As issued (both hyphens), or with a digit in it: without either, ordinary words such as
    # "en term date" would look like one.
    as_issued = match.group(1) == match.group(3) == "-"
    has_digit = any(character.isdigit() for character in match.group(2) + match.group(4))
    return f" {REFERENCE} " if as_issued or has_digit else match.group()


def strip_personal_data(text: str) -> str:
    """`text` with emails, phone numbers, references, long numbers, postcodes' inward codes and
    house numbers taken out (see the module's docstring). The order matters: an email may hold
    digits, a reference may hold a run of digits, a phone number is a long run of digits."""
    text = _EMAIL.sub(f" {EMAIL} ", text)
    for pattern in _reference_patterns:
        text = pattern.sub(_reference, text)
    text = _DATE.sub(f" {DATE} ", text)
    text = _NI_NUMBER.sub(f" {NUMBER} ", text)
    text = _PHONE.sub(_phone, text)
    text = _SEPARATED_DIGITS.sub(f" {NUMBER} ", text)
    text = _LONG_DIGITS.sub(f" {NUMBER} ", text)
    text = _POSTCODE.sub(lambda match: match.group(1), text)
    text = _FLAT.sub(lambda match: match.group(1), text)
    return _HOUSE_NUMBER.sub("", text)


def normalise_term(text: str) -> str:
    """One spelling for the same words: Unicode composed the same way, lower case, spaces
    collapsed, quotes and punctuation at the ends dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = " ".join(text.split())
    return text.strip(_EDGE_PUNCTUATION)


def term_to_keep(query: str) -> str:
    """The search term as the web measures keep it: personal data out, then normalised."""
    return normalise_term(strip_personal_data(query or ""))[:MAX_TERM_LENGTH]
