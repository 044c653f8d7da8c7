"""Removing personal data from a released response before it goes on the disclosure log.

Two kinds of rule, each replacing what it finds with [redacted]: what the case tells us about the
people on it (the requester's name, email, phone, address, date of birth; the other residents'
names), and the shapes personal data takes in any letter (email addresses, UK phone numbers,
postcodes, National Insurance numbers, dates of birth, house addresses, names after a title, a
"Dear" or a sign-off). It errs towards removing too much: an officer reads every redaction,
highlighted, before anything is published. Pure Python, so it can be tested on plain strings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

REDACTED = "[redacted]"
# A rule line or an email's separator ("-----", "=====", "-----Original Message-----").
_SEPARATOR = re.compile(r"[-=_*~]{3,}")
_SPACES = re.compile(r"[ \t]+")


def without_marks(text: str) -> str:
    """The text as a reader skims it in a list or a search result, and as it is searched:
    redaction markers and separator lines taken out (the entry's own page still shows where
    something was redacted). Line breaks are kept, so paragraphs stay paragraphs."""
    text = _SEPARATOR.sub(" ", text.replace(REDACTED, " "))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


class Kind:
    """What a redaction removed, as the officer's summary names it."""

    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    ADDRESS = "address"
    NI_NUMBER = "ni_number"
    DATE_OF_BIRTH = "date_of_birth"


@dataclass(frozen=True)
class PersonalDetails:
    """What the case says about the people on it; every one of these is removed wherever it
    appears."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    dates_of_birth: tuple[date, ...] = ()


@dataclass(frozen=True)
class Redacted:
    text: str
    removed: tuple[str, ...]  # the Kind of each redaction, in the order of the text

    def counts(self) -> dict[str, int]:
        return dict(Counter(self.removed))


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str


# --- The shapes of personal data ----------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A UK number: +44 / 0044 (with an optional "(0)") or a leading 0, then 9 or 10 more digits with
# at most two spaces, hyphens, dots or brackets between any two of them.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[ \t-]?(?:\(0\)[ \t-]?)?|\(?0)\d(?:[ \t\-().]{0,2}\d){8,9}(?!\d)"
)
_POSTCODE = re.compile(
    r"(?<![\w])(?:GIR[ \t]?0AA|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[ABD-HJLNP-UW-Z]{2})(?![\w])",
    re.IGNORECASE,
)
# National Insurance numbers: two letters, six digits, a suffix A to D. Any two letters, not only
# the prefixes HMRC issues: the example number QQ 12 34 56 C is personal data in a letter too.
_NI_NUMBER = re.compile(r"(?<![\w])[A-Z]{2}(?:[ \t]?\d{2}){3}[ \t]?[A-D](?![\w])", re.IGNORECASE)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{_MONTHS})\.?,?[ \t]+\d{{4}}"
    rf"|(?:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}})"
)
# A date is only someone's date of birth when the text says so; other dates are not personal.
_DATE_OF_BIRTH = re.compile(
    r"(?:date[ \t]+of[ \t]+birth|d\.?o\.?b\.?|born(?:[ \t]+on)?)[ \t]*[:\-\u2013]?[ \t]*"
    rf"(?P<date>{_DATE})",
    re.IGNORECASE,
)
_STREET = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Court|Gardens|Terrace|"
    "Grove|Walk|Square|Rise|Mews|Row|Parade"
)
# A house number and a street: "14 Howard Street", "Flat 3, 27 Iffley Road".
_HOUSE_ADDRESS = re.compile(
    r"(?<![\w])(?:(?:Flat|Apartment)[ \t]+\d+[A-Za-z]?,?[ \t]+)?(?<!\d)\d{1,3}[A-Za-z]?,?[ \t]+"
    rf"(?:[A-Z][\w'\u2019-]*[ \t]+){{1,3}}(?:{_STREET})(?![\w])"
)
# A capitalised word, hyphens and apostrophes inside it ("O'Brien-Hughes"), but not a
# possessive "'s", which is grammar rather than name.
_NAME_WORD = r"[A-Z](?:[A-Za-z]|['\u2019-](?!s\b)(?=[A-Za-z]))+"
_INITIAL = r"[A-Z]\.?"
# Councillors are public office holders: their names stay.
_TITLES = "Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev|Revd"
_TITLED_NAME = re.compile(
    rf"(?<![\w])(?:{_TITLES})\.?[ \t]+(?:{_INITIAL}[ \t]*){{0,2}}{_NAME_WORD}"
    rf"(?:[ \t]+{_NAME_WORD}){{0,2}}(?![\w])"
)
_NAMEISH = rf"(?P<name>(?:{_NAME_WORD}|{_INITIAL})(?:[ \t]+(?:{_NAME_WORD}|{_INITIAL})){{0,3}})"
_SALUTATION = re.compile(rf"(?<![\w])Dear[ \t]+{_NAMEISH}[ \t]*(?=,|\n|$)")
_SIGN_OFF = re.compile(
    r"(?i:yours[ \t]+sincerely|yours[ \t]+faithfully|yours[ \t]+truly|kind[ \t]+regards|"
    r"best[ \t]+regards|warm[ \t]+regards|best[ \t]+wishes|many[ \t]+thanks|with[ \t]+thanks|"
    r"thanks|thank[ \t]+you|regards)[ \t]*[,.!]?[ \t]*\n+[ \t]*"
    rf"{_NAMEISH}[ \t]*$",
    re.MULTILINE,
)
_MY_NAME_IS = re.compile(
    rf"(?i:my[ \t]+name[ \t]+is|i[ \t]+am[ \t]+called)[ \t]+(?P<name>{_NAME_WORD}"
    rf"(?:[ \t]+{_NAME_WORD}){{0,2}})"
)
# Words that make a greeting or signature an organisation's, not a person's.
_NOT_A_PERSON = re.compile(
    r"\b(?:Sir|Madam|Team|Council|Officer|Officers|Governance|Service|Services|Department|"
    r"Unit|Office|Requester|Applicant|Colleague|Colleagues|FOI|EIR|Information|Manager|"
    r"Customer|Customers|All|Resident|Residents)\b",
    re.IGNORECASE,
)
_HONORIFIC_WORDS = frozenset(title.lower() for title in _TITLES.split("|"))
# First names that are also everyday words at the start of a sentence ("Will you ...").
_EVERYDAY_WORDS = frozenset(
    {"will", "may", "mark", "bill", "june", "april", "august", "rose", "hope", "grace", "dawn"}
    | {"ray", "frank", "guy", "joy", "faith"}
)


def _literal(text: str) -> str:
    """A regex for `text` that tolerates different spacing and a comma after each word."""
    return r",?[ \t]+".join(re.escape(part) for part in text.split())


def _shape_spans(text: str) -> Iterator[_Span]:
    for pattern, kind in (
        (_EMAIL, Kind.EMAIL),
        (_NI_NUMBER, Kind.NI_NUMBER),
        (_POSTCODE, Kind.POSTCODE),
        (_HOUSE_ADDRESS, Kind.ADDRESS),
        (_TITLED_NAME, Kind.NAME),
    ):
        for match in pattern.finditer(text):
            yield _Span(match.start(), match.end(), kind)
    for match in _PHONE.finditer(text):
        if _is_uk_number(match.group()):
            yield _Span(match.start(), match.end(), Kind.PHONE)
    for match in _DATE_OF_BIRTH.finditer(text):
        yield _Span(match.start("date"), match.end("date"), Kind.DATE_OF_BIRTH)
    for pattern in (_SALUTATION, _SIGN_OFF, _MY_NAME_IS):
        for match in pattern.finditer(text):
            if not _NOT_A_PERSON.search(match.group("name")):
                yield _Span(match.start("name"), match.end("name"), Kind.NAME)


def _is_uk_number(candidate: str) -> bool:
    digits = "".join(ch for ch in candidate if ch.isdigit())
    if digits.startswith("0044"):
        digits = digits[4:]
    elif candidate.lstrip().startswith("+"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    if digits.startswith("0"):  # "(0)" after +44, or an international 00 prefix
        digits = digits[1:]
    return len(digits) in {9, 10} and digits[0] in "1235789"


def _date_patterns(day: date) -> list[str]:
    month, short = day.strftime("%B"), day.strftime("%b")
    written = [
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year % 100:02d}",
    ]
    patterns = [re.escape(text) for text in written]
    for name in (month, short):
        patterns.append(rf"{day.day}(?:st|nd|rd|th)?[ \t]+{name}\.?,?[ \t]+{day.year}")
        patterns.append(rf"{name}\.?[ \t]+{day.day}(?:st|nd|rd|th)?,?[ \t]+{day.year}")
    return patterns


def _name_parts(name: str) -> list[str]:
    """The words of a name worth finding on their own: not titles, initials or everyday words."""
    parts = []
    for part in name.replace(",", " ").split():
        word = part.strip(".")
        if len(word) < 2 or word.lower() in _HONORIFIC_WORDS | _EVERYDAY_WORDS:
            continue
        parts.append(word)
    return parts


def _known_spans(text: str, details: PersonalDetails, *, whole_names_only: bool) -> Iterator[_Span]:
    def find(pattern: str, kind: str, flags: int = re.IGNORECASE) -> Iterator[_Span]:
        for match in re.finditer(rf"(?<![\w]){pattern}(?![\w])", text, flags):
            yield _Span(match.start(), match.end(), kind)

    for name in _clean(details.names):
        yield from find(rf"(?:(?:{_TITLES})\.?[ \t]+)?{_literal(name)}", Kind.NAME)
        if whole_names_only:
            continue
        for part in _name_parts(name):
            # Written with a capital (or in capitals): "Green" is a name, "green bin" is not.
            shapes = "|".join(re.escape(form) for form in {part.capitalize(), part.upper(), part})
            prefix = rf"(?:(?:{_TITLES})\.?[ \t]+)?(?:{_INITIAL}[ \t]+){{0,2}}"
            yield from find(rf"{prefix}(?:{shapes})", Kind.NAME, 0)
    for email in _clean(details.emails):
        yield from find(re.escape(email), Kind.EMAIL)
    for phone in _clean(details.phones):
        digits = [ch for ch in phone if ch.isdigit()]
        if len(digits) >= 6:
            yield from find(r"[ \t\-().]{0,2}".join(digits), Kind.PHONE)
    for address in _clean(details.addresses):
        yield from find(_literal(address), Kind.ADDRESS)
    for postcode in _clean(details.postcodes):
        compact = postcode.replace(" ", "")
        if len(compact) > 3:
            yield from find(
                rf"{re.escape(compact[:-3])}[ \t]?{re.escape(compact[-3:])}", Kind.POSTCODE
            )
    for day in details.dates_of_birth:
        for pattern in _date_patterns(day):
            yield from find(pattern, Kind.DATE_OF_BIRTH)


def _clean(values: Iterable[str]) -> list[str]:
    """Each distinct non-blank value once, longest first so a full name wins over its parts."""
    return sorted({value.strip() for value in values if value and value.strip()}, key=len)[::-1]


def _merge(spans: Iterable[_Span], text: str) -> list[_Span]:
    """Overlapping spans become one; so do names only spaces apart ("[redacted] [redacted]")."""
    merged: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged:
            last = merged[-1]
            touching_names = last.kind == span.kind == Kind.NAME and not text[
                last.end : span.start
            ].strip(" \t")
            if span.start < last.end or touching_names:
                merged[-1] = _Span(last.start, max(last.end, span.end), last.kind)
                continue
        merged.append(span)
    return merged


def _compact(value: str) -> str:
    return "".join(value.split()).lower()


def redact(
    text: str, details: PersonalDetails | None = None, *, keep: Iterable[str] = ()
) -> Redacted:
    """`text` with every piece of personal data found replaced by [redacted]; `keep` lists the
    council's own public contact details (its mailboxes, phone lines, office postcodes), which
    have the shape of personal data but are not."""
    details = details or PersonalDetails()
    kept = {_compact(value) for value in keep if value.strip()}
    shapes = [
        span for span in _shape_spans(text) if _compact(text[span.start : span.end]) not in kept
    ]
    merged = _merge([*_known_spans(text, details, whole_names_only=False), *shapes], text)
    pieces, position = [], 0
    for span in merged:
        pieces.extend([text[position : span.start], REDACTED])
        position = span.end
    pieces.append(text[position:])
    return Redacted("".join(pieces), tuple(span.kind for span in merged))


def personal_details_left(text: str, details: PersonalDetails) -> list[str]:
    """The kinds of the case's own personal details still in `text` (whole names only, so a
    surname that is also an ordinary word does not stop a publication): the last check before
    publishing."""
    found = _merge(_known_spans(text, details, whole_names_only=True), text)
    return sorted({span.kind for span in found})
