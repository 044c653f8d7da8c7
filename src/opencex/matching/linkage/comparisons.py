"""Each field of many pairs compared at once (numpy): the comparison level of every field per pair.

Level 0 is the strongest agreement, the last level is "different", and -1 means the field is
missing on either record (it then counts for nothing either way).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cpdist

from .names import sounds_like
from .normalise import Person, postcode_sector


@dataclass(frozen=True)
class Field:
    name: str
    levels: tuple[str, ...]  # short labels, strongest first, "different" last
    is_home: bool = False  # describes where the person lives (counted once, see scoring)


FIELDS: tuple[Field, ...] = (
    Field(
        "given_name",
        (
            "exact",
            "variant",
            "jaro-winkler >= 0.92",
            "jaro-winkler >= 0.8, one edit or initial",
            "different",
        ),
    ),
    Field(
        "surname",
        (
            "exact",
            "jaro-winkler >= 0.92 or shares a part",
            "sounds the same",
            "jaro-winkler >= 0.8",
            "different",
        ),
    ),
    Field(
        "date_of_birth",
        (
            "exact",
            "day and month swapped or one digit off",
            "same year or same day and month",
            "different",
        ),
    ),
    Field("postcode", ("exact", "one character off", "same sector", "different"), is_home=True),
    Field(
        "address", ("exact", "same number, similar street", "similar", "different"), is_home=True
    ),
    Field("email", ("exact", "different")),
    Field("phone", ("exact", "one digit off", "different")),
    Field("uprn", ("exact", "different"), is_home=True),
)
FIELD_INDEX = {field.name: number for number, field in enumerate(FIELDS)}


class Columns:
    """Normalised records as arrays of codes (one shared vocabulary: equal codes, equal strings)."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people = list(people)
        self._vocabulary: dict[str, int] = {"": 0}
        self.strings: list[str] = [""]
        self._lookups: dict[int, tuple[dict[str, float], np.ndarray]] = {}
        self.ids = np.fromiter((p.id for p in self.people), dtype=np.int64, count=len(self.people))
        self.given = self._codes(p.given for p in self.people)
        self.given_canonical = self._codes(p.given_canonical for p in self.people)
        self.surname = self._codes(p.surname_key for p in self.people)
        self.surname_sound = self._codes(p.surname_sound for p in self.people)
        self.given_sound = self._codes(sounds_like(p.given) for p in self.people)
        self.dob = np.fromiter((p.dob for p in self.people), dtype=np.int64, count=len(self.people))
        self.email = self._codes(p.email for p in self.people)
        self.phone = self._codes(p.phone for p in self.people)
        self.postcode = self._codes(p.postcode for p in self.people)
        self.sector = self._codes(postcode_sector(p.postcode) for p in self.people)
        self.address = self._codes(p.address for p in self.people)
        self.house_number = self._codes(p.house_number for p in self.people)
        self.uprn = self._codes(p.uprn for p in self.people)
        self.multi_part = np.fromiter(
            (len(p.surname_parts) > 1 for p in self.people), dtype=bool, count=len(self.people)
        )

    def __len__(self) -> int:
        return len(self.people)

    def _codes(self, values: Any) -> np.ndarray:
        vocabulary, strings = self._vocabulary, self.strings
        out = []
        for value in values:
            code = vocabulary.get(value)
            if code is None:
                code = vocabulary[value] = len(strings)
                strings.append(value)
            out.append(code)
        return np.array(out, dtype=np.int64)

    def lookup(self, values: dict[str, float]) -> np.ndarray:
        """values[string] for every code (0.0 when absent), worked out once per table."""
        key = id(values)
        if key not in self._lookups:  # the table is kept with it, so its id is not reused
            self._lookups[key] = (values, np.array([values.get(s, 0.0) for s in self.strings]))
        return self._lookups[key][1]

    def similarity(self, a: np.ndarray, b: np.ndarray, scorer: Callable[..., float]) -> np.ndarray:
        """scorer(string a, string b) for code pairs, each distinct pair of strings scored once."""
        if len(a) == 0:
            return np.zeros(0, dtype=np.float64)
        size = len(self.strings)
        unique, inverse = np.unique(a * size + b, return_inverse=True)
        left = [self.strings[code] for code in (unique // size).tolist()]
        right = [self.strings[code] for code in (unique % size).tolist()]
        scores = cpdist(left, right, scorer=scorer, workers=1)
        return np.asarray(scores, dtype=np.float64)[inverse]


def _select(conditions: list[np.ndarray], missing: np.ndarray) -> np.ndarray:
    """The first condition that holds, as a level; the last level when none; -1 when missing."""
    levels = np.select(conditions, list(range(len(conditions))), default=len(conditions))
    levels[missing] = -1
    return levels.astype(np.int8)


def _jaro_winkler(columns: Columns, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return columns.similarity(a, b, JaroWinkler.normalized_similarity)


def _one_edit(columns: Columns, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return columns.similarity(a, b, OSA.distance) <= 1


def _digits_different(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    count = np.zeros(len(a), dtype=np.int64)
    for place in range(8):
        power = 10**place
        count += (a // power) % 10 != (b // power) % 10
    return count


def compare_pairs(columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The level of every field for the pairs (left[k], right[k]) of rows: shape (pairs, fields)."""
    c = columns
    levels = np.empty((len(left), len(FIELDS)), dtype=np.int8)

    ga, gb, sa, sb = c.given[left], c.given[right], c.surname[left], c.surname[right]
    straight_given, straight_surname = _jaro_winkler(c, ga, gb), _jaro_winkler(c, sa, sb)
    crossed_given, crossed_surname = _jaro_winkler(c, ga, sb), _jaro_winkler(c, sa, gb)
    crossed = _crossed(straight_given, straight_surname, crossed_given, crossed_surname) & (
        (ga != 0) & (gb != 0) & (sa != 0) & (sb != 0)
    )
    # A first name and surname swapped round: compare each with the other's.
    given_b, surname_b = np.where(crossed, sb, gb), np.where(crossed, gb, sb)
    canonical_b = np.where(crossed, sb, c.given_canonical[right])
    sound_b = np.where(crossed, c.given_sound[right], c.surname_sound[right])
    given_jw = np.where(crossed, crossed_given, straight_given)
    initial = _initial_agrees(c, ga, given_b)
    levels[:, 0] = _select(
        [
            ga == given_b,
            c.given_canonical[left] == canonical_b,
            given_jw >= 0.92,
            (given_jw >= 0.8) | initial | _one_edit(c, ga, given_b),
        ],
        (ga == 0) | (gb == 0),
    )

    surname_jw = np.where(crossed, crossed_surname, straight_surname)
    shares_part = _shares_surname_part(c, left, right)
    levels[:, 1] = _select(
        [
            sa == surname_b,
            (surname_jw >= 0.92) | shares_part,
            c.surname_sound[left] == sound_b,
            (surname_jw >= 0.8) | _one_edit(c, sa, surname_b),
        ],
        (sa == 0) | (sb == 0),
    )

    da, db = c.dob[left], c.dob[right]
    day_month_swapped = (da // 10000 * 10000 + (da % 100) * 100 + (da // 100) % 100) == db
    levels[:, 2] = _select(
        [
            da == db,
            day_month_swapped | (_digits_different(da, db) == 1),
            (da // 10000 == db // 10000) | (da % 10000 == db % 10000),
        ],
        (da == 0) | (db == 0),
    )

    pa, pb = c.postcode[left], c.postcode[right]
    levels[:, 3] = _select(
        [pa == pb, _one_edit(c, pa, pb), c.sector[left] == c.sector[right]],
        (pa == 0) | (pb == 0),
    )

    aa, ab = c.address[left], c.address[right]
    address_similarity = c.similarity(aa, ab, fuzz.token_sort_ratio)
    same_number = c.house_number[left] == c.house_number[right]
    levels[:, 4] = _select(
        [aa == ab, same_number & (address_similarity >= 85), address_similarity >= 70],
        (aa == 0) | (ab == 0),
    )

    ea, eb = c.email[left], c.email[right]
    # No "similar" level: most addresses are made from the name, so it would count the name twice.
    levels[:, 5] = _select([ea == eb], (ea == 0) | (eb == 0))

    fa, fb = c.phone[left], c.phone[right]
    levels[:, 6] = _select([fa == fb, _one_edit(c, fa, fb)], (fa == 0) | (fb == 0))

    ua, ub = c.uprn[left], c.uprn[right]
    levels[:, 7] = _select([ua == ub], (ua == 0) | (ub == 0))
    return levels


def _crossed(
    straight_given: Any, straight_surname: Any, crossed_given: Any, crossed_surname: Any
) -> Any:
    """The names agree much better swapped round (Jaro-Winkler of each with the other's).

    On arrays of pairs or on one pair's floats.
    """
    return (crossed_given + crossed_surname > straight_given + straight_surname + 0.3) & (
        np.minimum(crossed_given, crossed_surname) >= 0.8
    )


def names_swapped(a: Person, b: Person) -> bool:
    """One pair's `_crossed`, for its reasons."""
    if not (a.given and a.surname_key and b.given and b.surname_key):
        return False
    similarity = JaroWinkler.normalized_similarity
    return bool(
        _crossed(
            similarity(a.given, b.given),
            similarity(a.surname_key, b.surname_key),
            similarity(a.given, b.surname_key),
            similarity(a.surname_key, b.given),
        )
    )


def _initial_agrees(columns: Columns, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One given name is a single letter (an initial) and the other starts with it."""
    used, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
    names = [columns.strings[code] for code in used.tolist()]
    first = np.array([ord(name[0]) if name else 0 for name in names])
    is_initial = np.array([len(name) == 1 for name in names], dtype=bool)
    ia, ib = inverse[: len(a)], inverse[len(a) :]
    return (is_initial[ia] | is_initial[ib]) & (first[ia] == first[ib]) & (a != 0) & (b != 0)


def _shares_surname_part(columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """A double-barrelled or hyphenated surname shares a barrel with the other surname."""
    out = np.zeros(len(left), dtype=bool)
    for k in np.flatnonzero(columns.multi_part[left] | columns.multi_part[right]).tolist():
        a = columns.people[left[k]].surname_parts
        b = columns.people[right[k]].surname_parts
        out[k] = bool(set(a) & set(b))
    return out
