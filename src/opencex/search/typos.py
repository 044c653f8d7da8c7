"""Spelling tolerance: finds the index's words within one or two edits of a word it does not know
("counsil" → council, "recyling" → recycling), by precomputed deletions (the SymSpell method)
checked with the Damerau-Levenshtein distance (a swap of two letters is one edit)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

# Short words have too many neighbours to guess from: "bin" is one edit from "bid" and "tin".
SHORTEST_CORRECTED = 4
LONGEST_ONE_EDIT = 7  # 4-7 letters: one edit; 8 or more: two


def allowed_edits(word: str) -> int:
    if len(word) < SHORTEST_CORRECTED:
        return 0
    return 1 if len(word) <= LONGEST_ONE_EDIT else 2


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, or limit + 1 if beyond it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


class SpellingCorrector:
    """Suggests known words for an unknown one, nearest first, then the most common."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        """`vocabulary` maps each known word to how often it occurs (to break ties)."""
        self._frequency = dict(vocabulary)
        self._by_deletion: dict[str, list[str]] = defaultdict(list)
        for word in self._frequency:
            depth = allowed_edits(word) or (1 if len(word) == 3 else 0)
            for deleted in _deletions(word, min(depth, 2)):
                self._by_deletion[deleted].append(word)

    def knows(self, word: str) -> bool:
        return word in self._frequency

    def suggestions(self, word: str, *, most: int = 2) -> list[tuple[str, int]]:
        """Known words within the allowed edits of `word`, as (word, distance), best first."""
        limit = allowed_edits(word)
        if not limit or word in self._frequency or not word.isalpha():
            return []
        candidates: set[str] = set()
        for deleted in _deletions(word, limit):
            candidates.update(self._by_deletion.get(deleted, ()))
        scored = []
        for candidate in candidates:
            distance = edit_distance(word, candidate, limit)
            if distance <= limit:
                scored.append((distance, -self._frequency[candidate], candidate))
        scored.sort()
        return [(candidate, distance) for distance, _, candidate in scored[:most]]

    def splits(self, word: str) -> list[tuple[str, str]]:
        """Two known words run together: "streetlight" → ("street", "light")."""
        if len(word) < 6 or word in self._frequency:
            return []
        return [
            (word[:i], word[i:])
            for i in range(3, len(word) - 2)
            if word[:i] in self._frequency and word[i:] in self._frequency
        ]


def vocabulary_of(words: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for word in words:
        counts[word] += 1
    return counts
