"""Finding duplicate residents: all pairs across a set of records, one pair, or a live lookup."""

from __future__ import annotations

import random
from collections.abc import Iterable

import numpy as np

from .blocking import BLOCKING_KEYS, PREFIX_KEY, candidate_pairs, prefix_key
from .comparisons import Columns, compare_pairs
from .model import Model, prior_model, probability, score_bits, train
from .normalise import Person, person
from .reasons import explain
from .records import PersonRecord, ScoredPair, Thresholds

MODEL_VERSION = "linkage-2026-12-06.2"
# Chosen on the FEBRL sets and the synthetic set (bench/record_linkage.py), not on live data.
DEFAULT_THRESHOLDS = Thresholds(match=0.9, review=0.5)
# A live lookup compares at most this many known records (the likeliest keys first).
_MAX_LOOKUP = 2000
# Once a lookup has found someone, a key shared by more records than this adds nobody.
_COMMON_KEY = 100
# A new index learns its model from at most this many of its records (a fixed sample).
_INDEX_TRAINING_RECORDS = 20_000


def _scored(
    columns: Columns,
    model: Model,
    left: np.ndarray,
    right: np.ndarray,
    keep_from: float,
    levels: np.ndarray | None = None,
) -> list[ScoredPair]:
    if levels is None:
        levels = compare_pairs(columns, left, right)
    bits, weights = score_bits(model, columns, left, right, levels)
    chances = probability(bits)
    pairs = []
    for k in np.flatnonzero(chances >= keep_from).tolist():
        a, b = columns.people[left[k]], columns.people[right[k]]
        pairs.append(
            ScoredPair(
                a=a.id,
                b=b.id,
                probability=float(chances[k]),
                reasons=explain(a, b, levels[k], weights[k]),
            )
        )
    return pairs


def find_pairs(
    records: Iterable[PersonRecord],
    *,
    thresholds: Thresholds | None = None,
    model: Model | None = None,
) -> list[ScoredPair]:
    """Every pair with probability >= thresholds.review across all records (blocking inside).

    The model is estimated from the records themselves unless one is given. Pairs come sorted by
    (a, b), each once, with a < b.
    """
    thresholds = thresholds or DEFAULT_THRESHOLDS
    people = [person(r) for r in records]
    columns = Columns(people)
    left, right = candidate_pairs(people)
    levels = compare_pairs(columns, left, right)
    if model is None:
        model = train(columns, left, right, levels=levels)
    pairs = _scored(columns, model, left, right, thresholds.review, levels)
    ordered = [p if p.a < p.b else ScoredPair(p.b, p.a, p.probability, p.reasons) for p in pairs]
    return sorted(ordered, key=lambda p: (p.a, p.b))


def compare(a: PersonRecord, b: PersonRecord, *, model: Model | None = None) -> ScoredPair:
    """One pair scored, with its reasons (the default parameters unless a model is given)."""
    columns = Columns([person(a), person(b)])
    pair = _scored(columns, model or prior_model(), np.array([0]), np.array([1]), 0.0)[0]
    return pair if pair.a <= pair.b else ScoredPair(pair.b, pair.a, pair.probability, pair.reasons)


def fit(records: Iterable[PersonRecord], *, at_most: int | None = None) -> Model:
    """Estimate a model from a set of records (for `MatchIndex` or `find_pairs`).

    With `at_most`, from a fixed sample of that many records: the rates m, u and the chance that
    two records are one person do not depend on the sample's size, and training stays quick.
    """
    records = list(records)
    if at_most is not None and len(records) > at_most:
        records = random.Random(len(records)).sample(records, at_most)
    people = [person(r) for r in records]
    columns = Columns(people)
    left, right = candidate_pairs(people)
    return train(columns, left, right)


class MatchIndex:
    """Known records, kept in memory by blocking key for "is this someone we already know?"."""

    def __init__(self, records: Iterable[PersonRecord], *, model: Model | None = None) -> None:
        records = list(records)
        self.model = model or fit(records, at_most=_INDEX_TRAINING_RECORDS)
        self._people: dict[int, Person] = {}
        self._keys: dict[tuple[str, str], set[int]] = {}
        for record in records:
            self.add(record)

    def __len__(self) -> int:
        return len(self._people)

    @staticmethod
    def _keys_of(known: Person) -> list[tuple[str, str]]:
        keys = [(name, key(known)) for name, key in BLOCKING_KEYS.items()]
        keys.append((PREFIX_KEY, prefix_key(known)))
        return [(name, value) for name, value in keys if value]

    def add(self, record: PersonRecord) -> None:
        if record.id in self._people:
            self.remove(record.id)
        known = person(record)
        self._people[record.id] = known
        for key in self._keys_of(known):
            self._keys.setdefault(key, set()).add(record.id)

    def remove(self, record_id: int) -> None:
        known = self._people.pop(record_id, None)
        if known is None:
            return
        for key in self._keys_of(known):
            ids = self._keys.get(key)
            if ids is not None:
                ids.discard(record_id)
                if not ids:
                    del self._keys[key]

    def candidates(
        self, partial: PersonRecord, *, limit: int = 5, thresholds: Thresholds | None = None
    ) -> list[ScoredPair]:
        """The known records most likely to be `partial`, best first (pair.a = partial.id)."""
        thresholds = thresholds or DEFAULT_THRESHOLDS
        query = person(partial)
        found: set[int] = set()
        # The most telling (rarest) keys first; a key too common to add once others have found
        # someone (a surname's first letters, say) is left out.
        for key in sorted(self._keys_of(query), key=lambda k: len(self._keys.get(k, ()))):
            sharing = self._keys.get(key, set())
            if found and len(sharing) > _COMMON_KEY:
                continue
            found.update(sharing)
        found.discard(partial.id)
        if not found:
            return []
        ids = sorted(found)[:_MAX_LOOKUP]
        columns = Columns([query, *(self._people[i] for i in ids)])
        right = np.arange(1, len(ids) + 1)
        pairs = _scored(
            columns, self.model, np.zeros(len(ids), dtype=np.int64), right, thresholds.review
        )
        pairs.sort(key=lambda p: (-p.probability, p.b))
        return pairs[:limit]
