"""Names as the engine compares them: folded, titles dropped, split into given names and surname."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import jellyfish


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES = _words(
    "mr mrs ms miss mx dr doctor rev revd reverend prof professor sir dame lord lady "
    "fr father sister capt captain cllr councillor hon"
)
_SUFFIXES = _words("jr jnr junior sr snr senior ii iii iv phd bsc msc ma mba obe mbe")
# Particles that belong to the surname that follows ("van der Berg", "Al Hassan", "O Brien").
_PARTICLES = _words("al el bin ibn abu van von der den de da di du le la st ap")
# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "\u0131": "i",
        "þ": "th",
    }
)
_NOT_LETTER = re.compile(r"[^a-z,\- ]+")


def fold(text: str) -> str:
    """Lower case, accents and Polish letters to plain Latin, apostrophes and dots dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    return text.replace("'", "").replace("\u2019", "").replace(".", " ")


class Name(NamedTuple):
    given: str  # the first given name ("" when unknown)
    middle: tuple[str, ...]
    surname: str  # parts joined by a space: "smith jones", "al hassan"
    surname_parts: tuple[str, ...]  # each barrel without particles: ("smith", "jones")

    @property
    def surname_key(self) -> str:
        """The surname without spaces, hyphens or particles, for exact comparison."""
        return "".join(self.surname_parts)


@lru_cache(maxsize=200_000)
def split_name(full_name: str) -> Name:
    """Split a name as typed ("Dr Jan Kowalski", "Smith, John", "Mary Smith-Jones")."""
    text = _NOT_LETTER.sub(" ", fold(full_name))
    if "," in text:
        surname_text, _, given_text = text.partition(",")
        given_tokens = _tokens(given_text.replace(",", " "))
        surname_tokens = _tokens(surname_text)
    else:
        tokens = _tokens(text)
        if len(tokens) <= 1:
            given_tokens, surname_tokens = [], tokens
        else:
            cut = len(tokens) - 1
            while cut > 1 and tokens[cut - 1] in _PARTICLES:
                cut -= 1
            given_tokens, surname_tokens = tokens[:cut], tokens[cut:]
    surname = " ".join(surname_tokens)
    parts = tuple(
        part
        for token in surname_tokens
        for part in token.split("-")
        if part and part not in _PARTICLES
    )
    given = [t.replace("-", "") for t in given_tokens]
    return Name(
        given=given[0] if given else "",
        middle=tuple(given[1:]),
        surname=surname.replace("-", " "),
        surname_parts=parts or tuple(p for p in surname_tokens if p),
    )


def _tokens(text: str) -> list[str]:
    words = [w.strip("-") for w in text.split()]
    return [w for w in words if w and w not in _TITLES and w not in _SUFFIXES]


@cache
def _groups() -> list[tuple[str, ...]]:
    """The variant groups from given_names.txt, each a tuple of names with the usual form first."""
    lines = Path(__file__).with_name("given_names.txt").read_text(encoding="utf-8").splitlines()
    return [
        tuple(name.replace("-", "") for name in line.split())
        for line in lines
        if line.strip() and not line.startswith("#")
    ]


@cache
def _groups_of_name() -> dict[str, tuple[int, ...]]:
    groups: dict[str, list[int]] = {}
    for number, names in enumerate(_groups()):
        for name in names:
            groups.setdefault(name, []).append(number)
    return {name: tuple(numbers) for name, numbers in groups.items()}


def variant_groups(given: str) -> tuple[int, ...]:
    """The variant groups a given name belongs to (empty when it is in none)."""
    return _groups_of_name().get(given, ())


def are_variants(a: str, b: str) -> bool:
    """True when two given names are forms of one name (Bob and Robert, Mohammed and Muhammad)."""
    return a != b and bool(set(variant_groups(a)) & set(variant_groups(b)))


@lru_cache(maxsize=100_000)
def canonical_given(given: str) -> str:
    """The usual full form of a given name (bob -> robert), or the name itself."""
    groups = variant_groups(given)
    return _groups()[groups[0]][0] if groups else given


@lru_cache(maxsize=200_000)
def sounds_like(word: str) -> str:
    """A phonetic key (Metaphone) for blocking and for "sounds the same"."""
    return jellyfish.metaphone(word) if word else ""
