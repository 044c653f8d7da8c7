"""Ranking published entries against a piece of text: a new request at intake, or the words a
resident types in the log's search box.

Okapi BM25 over each entry's title (counted twice: it says most), request and response, with the
site search's own words, stop words and stems (`opencex.search.text`), so "penalty notices" finds
"penalty notice". The site search's index is not reused: it is built to read a resident's three
words, and a whole FOI request would fall below its coverage floor.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from opencex.search.text import tokens

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 2
# Below this share of the best score a match is noise, not an answer.
RELATIVE_FLOOR = 0.25


@dataclass(frozen=True)
class Text:
    """One entry's searchable text."""

    pk: int
    title: str
    body: str


@dataclass(frozen=True)
class Match:
    pk: int
    score: float
    shared_words: tuple[str, ...]  # the query's own words the entry shares, most telling first


class Ranking:
    def __init__(self, texts: Iterable[Text]) -> None:
        self._terms: dict[int, Counter[str]] = {}
        for text in texts:
            terms = Counter(token.stem for token in tokens(text.body))
            for token in tokens(text.title):
                terms[token.stem] += TITLE_WEIGHT
            self._terms[text.pk] = terms
        count = len(self._terms)
        self._length = {pk: sum(terms.values()) for pk, terms in self._terms.items()}
        self._average = (sum(self._length.values()) / count) if count else 1.0
        frequency: Counter[str] = Counter()
        for terms in self._terms.values():
            frequency.update(terms.keys())
        self._idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }

    def rank(self, query: str, *, min_shared: int = 2) -> list[Match]:
        """Entries sharing at least `min_shared` of the query's distinct words (all of them for a
        shorter query), best first, down to a floor relative to the best."""
        surface: dict[str, str] = {}
        for token in tokens(query):
            surface.setdefault(token.stem, token.word)
        needed = min(min_shared, len(surface))
        if not needed:
            return []
        matches = []
        for pk, terms in self._terms.items():
            shared = [stem for stem in surface if stem in terms]
            if len(shared) < needed:
                continue
            norm = K1 * (1 - B + B * self._length[pk] / self._average)
            score = sum(
                self._idf[stem] * terms[stem] * (K1 + 1) / (terms[stem] + norm) for stem in shared
            )
            shared.sort(key=lambda stem: -self._idf[stem])
            matches.append(Match(pk, score, tuple(surface[stem] for stem in shared)))
        matches.sort(key=lambda match: (-match.score, -match.pk))
        if not matches:
            return []
        floor = matches[0].score * RELATIVE_FLOOR
        return [match for match in matches if match.score >= floor]


_lock = threading.Lock()
_built: tuple[Hashable, Ranking] | None = None


def current_ranking(stamp: Hashable, load: Callable[[], Iterable[Text]]) -> Ranking:
    """The ranking for the log as it is (`stamp` says which state); `load` reads the texts, and
    is called only when the log has changed since the last build."""
    global _built
    built = _built
    if built is not None and built[0] == stamp:
        return built[1]
    with _lock:
        if _built is None or _built[0] != stamp:
            _built = (stamp, Ranking(load()))
        return _built[1]
