"""Residents' words mapped to the council's ("brown bin" → garden waste), read from
`data/synonyms.txt`. A rule adds the council's words to a query; it never removes the resident's."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from opencex.search.text import is_searchable, stems, words

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"
# Kept when matching phrases: "bin not emptied" is not "bin emptied".
NEGATIONS = frozenset({"not", "no", "never"})


def fold_plural(word: str) -> str:
    """A cheap singular for matching phrases ("bins" → bin, "flies" → fly); not a stemmer."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def phrase_words(text: str) -> list[str]:
    """The words a rule's left side is matched on: searchable words and negations, singular."""
    return [fold_plural(w) for w in words(text) if is_searchable(w) or w in NEGATIONS]


@dataclass(frozen=True)
class Expansion:
    """A rule that matched a query: the query words it covers and the stemmed phrases it adds."""

    start: int
    end: int
    adds: tuple[tuple[str, ...], ...]


class Thesaurus:
    def __init__(self, rules: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]) -> None:
        self._rules = rules
        self._longest = max((len(phrase) for phrase in rules), default=0)

    @property
    def words(self) -> set[str]:
        """Every word a rule's left side uses (so the spelling check does not "correct" them)."""
        return {word for phrase in self._rules for word in phrase}

    def expansions(self, query_words: list[str]) -> list[Expansion]:
        """Rules matching `query_words` (from `phrase_words`), longest first, not overlapping."""
        found: list[Expansion] = []
        i = 0
        while i < len(query_words):
            for length in range(min(self._longest, len(query_words) - i), 0, -1):
                adds = self._rules.get(tuple(query_words[i : i + length]))
                if adds:
                    found.append(Expansion(i, i + length, adds))
                    i += length
                    break
            else:
                i += 1
        return found


def parse_rules(text: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    rules: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.count("=>") != 1:
            raise ValueError(f"synonyms line {number}: write 'resident words => council words'.")
        left, right = line.split("=>")
        adds = [tuple(stems(phrase)) for phrase in right.split("|") if stems(phrase)]
        for phrase in left.split("|"):
            key = tuple(phrase_words(phrase))
            if not key or not adds:
                raise ValueError(f"synonyms line {number}: a side has no searchable words.")
            if len(key) == 1 and len(words(phrase)) > 1:
                # "on the streets" would be a rule for every "street" a resident types.
                raise ValueError(
                    f"synonyms line {number}: {phrase.strip()!r} is matched as {key[0]!r} alone "
                    "once its common words are dropped; write the words that carry it."
                )
            rules[key].extend(a for a in adds if a not in rules[key])
    return {key: tuple(adds) for key, adds in rules.items()}


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    return Thesaurus(parse_rules(SYNONYMS_FILE.read_text(encoding="utf-8")))
