"""Why the engine thinks two records are (or are not) one person, in plain English."""

from __future__ import annotations

import numpy as np

from .comparisons import FIELDS, names_swapped
from .normalise import Person


def _date(dob: int) -> str:
    return f"{dob % 100:02d}/{dob // 100 % 100:02d}/{dob // 10000}"


def _given(a: Person, b: Person, level: int) -> str:
    pair = f"{a.given.title()} / {b.given.title()}"
    if level == 0:
        return f"same first name ({a.given.title()})"
    return (
        f"first names are forms of one name ({pair})",
        f"first names spelt nearly the same ({pair})",
        f"first names alike or an initial ({pair})",
        f"different first names ({pair})",
    )[level - 1]


def _surname(a: Person, b: Person, level: int) -> str:
    pair = f"{a.surname.title()} / {b.surname.title()}"
    if level == 0:
        return f"same surname ({a.surname.title()})"
    return (
        f"surnames spelt nearly the same or share a part ({pair})",
        f"surname sounds the same ({pair})",
        f"surnames alike ({pair})",
        f"different surnames ({pair})",
    )[level - 1]


def _dob(a: Person, b: Person, level: int) -> str:
    pair = f"{_date(a.dob)} / {_date(b.dob)}"
    return (
        "same date of birth",
        f"dates of birth differ by a swapped day and month or one digit ({pair})",
        f"dates of birth share the year or the day and month ({pair})",
        f"different dates of birth ({pair})",
    )[level]


_FIXED = {
    "postcode": (
        "same postcode",
        "postcodes one character apart",
        "postcodes in the same sector",
        "different postcode",
    ),
    "address": (
        "same address",
        "same house number, similar street",
        "similar address",
        "different address",
    ),
    "email": ("same email address", "different email address"),
    "phone": ("same phone number", "phone numbers one digit apart", "different phone number"),
    "uprn": ("same property (UPRN)", "different property (UPRN)"),
}


def explain(a: Person, b: Person, levels: np.ndarray, weights: np.ndarray) -> tuple[str, ...]:
    """One sentence per field compared, the ones that weigh most first; missing fields last."""
    said: list[tuple[float, str]] = []
    missing: list[str] = []
    swapped = names_swapped(a, b)
    if swapped:
        b = b._replace(given=b.surname_key, surname_key=b.given, surname=b.given)
    for number, field in enumerate(FIELDS):
        level = int(levels[number])
        if level < 0:
            missing.append(field.name.replace("_", " "))
            continue
        if field.name == "given_name":
            text = _given(a, b, level)
        elif field.name == "surname":
            text = _surname(a, b, level)
        elif field.name == "date_of_birth":
            text = _dob(a, b, level)
        else:
            text = _FIXED[field.name][level]
        said.append((-abs(float(weights[number])), text))
    reasons = [text for _weight, text in sorted(said, key=lambda item: item[0])]
    if swapped:
        reasons.insert(0, "first name and surname swapped round")
    if missing:
        reasons.append("not on both records: " + ", ".join(missing))
    return tuple(reasons)
