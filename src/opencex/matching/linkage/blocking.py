"""Which pairs are worth comparing: records that share at least one blocking key.

Several keys, each cheap, so that a true pair that differs in one field still shares another key
(high recall) while the pairs compared stay few. A key shared by more than `MAX_BLOCK` records
only pairs neighbours in sorted order, so that one common key cannot blow the count up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .names import sounds_like
from .normalise import Person

MAX_BLOCK = 60


def _initial(person: Person) -> str:
    return person.given_canonical[:1]


def _initials(person: Person) -> str:
    """Both initials in either order, so that a first name and surname swapped round still meet."""
    return "".join(sorted((person.given_canonical[:1], person.surname_key[:1])))


def _name_sounds(person: Person) -> str:
    if not person.given_canonical or not person.surname_sound:
        return ""
    return "|".join(sorted((sounds_like(person.given_canonical), person.surname_sound)))


BLOCKING_KEYS: dict[str, Callable[[Person], str]] = {
    "surname sound and birth year": lambda p: (
        f"{p.surname_sound}|{p.dob // 10000}" if p.surname_sound and p.dob else ""
    ),
    "postcode and first initial": lambda p: f"{p.postcode}|{_initial(p)}" if p.postcode else "",
    "postcode and initials": lambda p: f"{p.postcode}|{_initials(p)}" if p.postcode else "",
    "email": lambda p: p.email,
    "phone": lambda p: p.phone,
    "uprn": lambda p: p.uprn,
    "date of birth and first initial": lambda p: f"{p.dob}|{_initial(p)}" if p.dob else "",
    "date of birth and surname initial": lambda p: f"{p.dob}|{p.surname_key[:1]}" if p.dob else "",
    "how the names sound, in either order": _name_sounds,
    "address and initials": lambda p: f"{p.address}|{_initials(p)}" if p.address else "",
}
# Only for looking a half-typed record up: a surname's first letters.
PREFIX_KEY = "surname prefix"


def prefix_key(person: Person) -> str:
    return person.surname_key[:3] if len(person.surname_key) >= 3 else ""


def candidate_pairs(people: Sequence[Person]) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (left < right) sharing a blocking key, each once, in a fixed order."""
    n = len(people)
    found: list[np.ndarray] = []
    for key in BLOCKING_KEYS.values():
        vocabulary: dict[str, int] = {}
        codes = np.fromiter(
            (vocabulary.setdefault(k, len(vocabulary)) if (k := key(p)) else -1 for p in people),
            dtype=np.int64,
            count=n,
        )
        order = np.argsort(codes, kind="stable")
        sorted_codes = codes[order]
        for distance in range(1, MAX_BLOCK):
            same = (sorted_codes[distance:] == sorted_codes[:-distance]) & (
                sorted_codes[distance:] >= 0
            )
            if not same.any():
                break
            a, b = order[:-distance][same], order[distance:][same]
            found.append(np.minimum(a, b) * n + np.maximum(a, b))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    encoded = np.unique(np.concatenate(found))
    return encoded // n, encoded % n
