"""Residents' words mapped to the council's ("brown bin" → garden waste), read from
`data/synonyms.txt` (English) and `data/synonyms.<language>.txt` (the same format, both sides in
that language). A rule adds the council's words to a query; it never removes the resident's.

The same format maps a language's words to English ones in `data/lexicon.<language>.txt`: the
bilingual lexicon with which a query finds a page that is not translated (see `lexicon`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from opencex.search.analysis import ENGLISH, Analyzer, analyzer
from opencex.search.text import is_searchable, stems, words

DATA = Path(__file__).resolve().parent / "data"
SYNONYMS_FILE = DATA / "synonyms.txt"
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
    def __init__(
        self,
        rules: dict[tuple[str, ...], tuple[tuple[str, ...], ...]],
        written: set[str] | None = None,
    ) -> None:
        """`written`: the left sides' words as written, when the rules are keyed by terms."""
        self._rules = rules
        self._longest = max((len(phrase) for phrase in rules), default=0)
        self._written = written

    @property
    def words(self) -> set[str]:
        """Every word a rule's left side uses (so the spelling check does not "correct" them)."""
        if self._written is not None:
            return set(self._written)
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


def parse_rules(
    text: str, language: str = ENGLISH, *, adds_words: bool = False, written: set | None = None
) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Rules from `text`, both sides read in `language` (the right side as terms); with
    `adds_words` the right side is English words to search for (a lexicon). `written`, when
    given, collects the left sides' words as written (for the spelling check)."""
    left_text = analyzer(language)

    def right(phrase: str) -> tuple[str, ...]:
        if adds_words:
            english = analyzer(ENGLISH)
            return tuple(
                w for w in english.words(phrase) if english.is_searchable(w) or w in NEGATIONS
            )
        return tuple(stems(phrase)) if language == ENGLISH else tuple(left_text.terms(phrase))

    rules: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.count("=>") != 1:
            raise ValueError(f"synonyms line {number}: write 'resident words => council words'.")
        left, right_side = line.split("=>")
        adds = [right(phrase) for phrase in right_side.split("|") if right(phrase)]
        for phrase in left.split("|"):
            key = tuple(_left_key(phrase, left_text))
            if written is not None:
                written.update(w for w in left_text.words(phrase) if left_text.is_searchable(w))
            if not key or not adds:
                raise ValueError(f"synonyms line {number}: a side has no searchable words.")
            if len(key) == 1 and len(left_text.words(phrase)) > 1:
                # "on the streets" would be a rule for every "street" a resident types.
                raise ValueError(
                    f"synonyms line {number}: {phrase.strip()!r} is matched as {key[0]!r} alone "
                    "once its common words are dropped; write the words that carry it."
                )
            rules[key].extend(a for a in adds if a not in rules[key])
    return {key: tuple(adds) for key, adds in rules.items()}


def _left_key(phrase: str, text: Analyzer) -> list[str]:
    if text.language == ENGLISH:
        return phrase_words(phrase)
    return [
        text.phrase_key(w) if text.is_searchable(w) else w
        for w in text.words(phrase)
        if text.is_searchable(w) or w in text.negations
    ]


def synonyms_file(language: str) -> Path:
    return SYNONYMS_FILE if language == ENGLISH else DATA / f"synonyms.{language}.txt"


@lru_cache(maxsize=8)
def thesaurus(language: str = ENGLISH) -> Thesaurus:
    """The residents' words of a language (an empty thesaurus for one without a file)."""
    path = synonyms_file(language)
    if not path.exists():
        return Thesaurus({})
    if language == ENGLISH:
        return Thesaurus(parse_rules(path.read_text(encoding="utf-8")))
    written: set[str] = set()
    rules = parse_rules(path.read_text(encoding="utf-8"), language, written=written)
    return Thesaurus(rules, written)


@lru_cache(maxsize=8)
def lexicon(language: str) -> Thesaurus:
    """A language's words ⇒ English words (`data/lexicon.<language>.txt`), for finding a page
    that has no translation; its expansions add English words, not terms."""
    path = DATA / f"lexicon.{language}.txt"
    if language == ENGLISH or not path.exists():
        return Thesaurus({}, set())
    written: set[str] = set()
    text = path.read_text(encoding="utf-8")
    rules = parse_rules(text, language, adds_words=True, written=written)
    return Thesaurus(rules, written)
