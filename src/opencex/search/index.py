"""The in-memory search index and its ranking: BM25F over title, keywords, summary, body and topic,
with residents' words expanded by the thesaurus, misspellings corrected against the index's own
words, a bonus for words found side by side, a prior by kind of document (a published FOI answer
counts for less than a service), and a floor below which nothing is worth showing.

Every rule here is general: no query, service or council is named. `bench/search/run.py`
measures what the weights below do.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from opencex.search.analysis import ENGLISH, Analyzer, analyzer
from opencex.search.documents import Document, Kind
from opencex.search.synonyms import Thesaurus
from opencex.search.typos import SpellingCorrector

# Field weights and length normalisation (BM25F): a word in the title says most about a page.
FIELDS = {
    # name: (weight, b)
    "title": (3.0, 0.5),
    "keywords": (2.0, 0.4),
    "summary": (1.0, 0.75),
    "body": (0.3, 0.75),
    "topic": (0.5, 0.0),
}
K1 = 1.2
# How much the words a rule or a correction adds count against the resident's own words.
SYNONYM_WEIGHT = 0.6
CORRECTION_WEIGHT = {1: 0.9, 2: 0.7}
SPLIT_WEIGHT = 0.9
# Two query words found side by side in a title or keyword: this share of their weight again.
PHRASE_BONUS = {"title": 0.6, "keywords": 0.6, "summary": 0.3, "body": 0.1}
# A result must match this share of what the query says (words weighted by rarity), and score at
# least this share of the best result; otherwise it is left out rather than shown as junk.
MIN_COVERAGE = 0.35
COVERAGE_POWER = 2.0
RELATIVE_FLOOR = 0.25
# ... and at least this share of the weight of the rarest possible word, so the floor follows
# the size of the index (a word's weight depends on how many documents there are).
MIN_SCORE_SHARE = 0.16
MAX_QUERY_WORDS = 30
# How much a kind of document is worth before its words are read: a published FOI answer that
# shares a resident's words is rarely what they came for, so a service or a page with the same
# words ranks above it; it still comes first when nothing else matches.
KIND_PRIOR = {Kind.DISCLOSURE: 0.4}


@dataclass
class _Slot:
    """One word of the query and what it may stand for: [(stem, weight)], best first."""

    alternatives: list[tuple[str, float]]
    covered_by: list[int] = field(default_factory=list)  # indexes of expansions covering it


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float


def _idf(document_frequency: int, documents: int) -> float:
    return math.log(1 + (documents - document_frequency + 0.5) / (document_frequency + 0.5))


def _field_segments(document: Document, language: str = ENGLISH) -> dict[str, list[str]]:
    """The document's text in `language` by field (empty lists where it has none)."""
    if language == ENGLISH:
        return {
            "title": [document.title],
            "keywords": list(document.keywords),
            "summary": [document.summary],
            "body": [document.body] if document.body else [],
            "topic": [document.topic] if document.topic else [],
        }
    texts = document.texts_in(language)
    return {
        "title": [texts["title"]] if texts.get("title") else [],
        "keywords": list(texts.get("keywords", ())),
        "summary": [texts["summary"]] if texts.get("summary") else [],
        "body": [texts["body"]] if texts.get("body") else [],
        "topic": [texts["topic"]] if texts.get("topic") else [],
    }


class SearchIndex:
    """Built once from a list of documents; answers `search` without touching the database.

    An index reads one language: English by default (the documents' own fields), or another
    language's translations (`Document.texts_in`), in which case only the documents translated
    into it are indexed. `extra_words` are more words the spelling check should know (a
    language's lexicon).
    """

    def __init__(
        self,
        documents: Iterable[Document],
        thesaurus: Thesaurus,
        *,
        language: str = ENGLISH,
        extra_words: Iterable[str] = (),
    ) -> None:
        self.language = language
        self.analyzer: Analyzer = analyzer(language)
        text = self.analyzer
        self.documents = [
            document
            for document in documents
            if language == ENGLISH or document.texts_in(language).get("title")
        ]
        self.thesaurus = thesaurus
        count = len(self.documents)
        # term frequencies per field, field lengths, word pairs per field, surface words
        frequencies: list[dict[str, dict[str, int]]] = []
        lengths: list[dict[str, int]] = []
        self._pairs: list[dict[tuple[str, str], str]] = []
        surface: dict[str, int] = defaultdict(int)
        for document in self.documents:
            doc_terms: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            doc_lengths: dict[str, int] = defaultdict(int)
            doc_pairs: dict[tuple[str, str], str] = {}
            for name, segments in _field_segments(document, language).items():
                for segment in segments:
                    segment_words = [w for w in text.words(segment) if text.is_searchable(w)]
                    stems = [text.term(w) for w in segment_words]
                    for word in segment_words:
                        surface[word] += 1
                    for word in text.compounds(segment):
                        surface[word] += 1
                        stems.append(text.term(word))
                    for term in stems:
                        doc_terms[term][name] += 1
                    doc_lengths[name] += len(stems)
                    for pair in itertools.pairwise(stems):
                        if PHRASE_BONUS.get(doc_pairs.get(pair, ""), 0) < PHRASE_BONUS.get(name, 0):
                            doc_pairs[pair] = name
            frequencies.append(doc_terms)
            lengths.append(doc_lengths)
            self._pairs.append(doc_pairs)

        average = {
            name: (sum(lengths_[name] for lengths_ in lengths) / count if count else 0) or 1
            for name in FIELDS
        }
        document_frequency: dict[str, int] = defaultdict(int)
        for doc_terms in frequencies:
            for term in doc_terms:
                document_frequency[term] += 1
        self._idf = {term: _idf(df, count) for term, df in document_frequency.items()}
        self._unknown_idf = _idf(0, max(count, 1))
        self._min_score = MIN_SCORE_SHARE * self._unknown_idf
        self._impact: dict[str, dict[int, float]] = defaultdict(dict)
        for position, doc_terms in enumerate(frequencies):
            for term, per_field in doc_terms.items():
                weighted = 0.0
                for name, tf in per_field.items():
                    weight, b = FIELDS[name]
                    norm = 1 - b + b * lengths[position][name] / average[name]
                    weighted += weight * tf / norm
                self._impact[term][position] = (
                    self._idf[term] * weighted * (K1 + 1) / (K1 + weighted)
                )
        known = {**dict.fromkeys(extra_words, 1), **dict.fromkeys(thesaurus.words, 1), **surface}
        # The spelling check compares words as `Analyzer.spelling` writes them (without Polish
        # diacritics); each such form reads as its most frequent written word ("smieci" is
        # "śmieci").
        spelt: dict[str, tuple[int, str]] = {}
        for word, count in known.items():
            key = text.spelling(word)
            if key not in spelt or count > spelt[key][0]:
                spelt[key] = (count, word)
        self._written = {key: word for key, (_, word) in spelt.items()}
        self._surface = frozenset(known)
        self.speller = SpellingCorrector({key: count for key, (count, _) in spelt.items()})
        self.scale = self._unknown_idf

    def __len__(self) -> int:
        return len(self.documents)

    # Reading the query

    def _slots(self, query: str) -> tuple[list[_Slot], list[list[tuple[str, ...]]]]:
        """The query's words as slots, and the phrases the thesaurus adds for them."""
        slots: list[_Slot] = []
        phrase_words: list[str] = []  # one per slot or negation, for the thesaurus
        phrase_slot: list[int | None] = []
        text = self.analyzer
        for word in text.words(query)[:MAX_QUERY_WORDS]:
            if word in text.negations:
                phrase_words.append(word)
                phrase_slot.append(None)
                continue
            if not text.is_searchable(word):
                continue
            for spelt, alternatives in self._readings(word):
                slots.append(_Slot(alternatives))
                phrase_words.append(text.phrase_key(spelt))
                phrase_slot.append(len(slots) - 1)
        added: list[list[tuple[str, ...]]] = []
        for expansion in self.thesaurus.expansions(phrase_words):
            covered = [phrase_slot[i] for i in range(expansion.start, expansion.end)]
            for slot in covered:
                if slot is not None:
                    slots[slot].covered_by.append(len(added))
            added.append(list(expansion.adds))
        return slots, added

    def knows_any(self, query: str) -> bool:
        """Whether one of the query's searchable words is a word of this index as written
        (diacritics aside)."""
        text = self.analyzer
        return any(
            self.speller.knows(text.spelling(word))
            for word in text.words(query)
            if text.is_searchable(word) and word.isalpha()
        )

    def readings(self, word: str) -> list[tuple[str, list[tuple[str, float]]]]:
        """What one written word may be: itself (with its diacritics restored), itself without
        a one-letter prefix (Arabic), its corrections, or two words run together; each as the
        word it is read as and its terms with their weights."""
        text = self.analyzer
        term = text.term
        key = text.spelling(word)
        if self.speller.knows(key) or not word.isalpha():
            written = word if word in self._surface else self._written.get(key, word)
            return [(written, [(term(written), 1.0)])]
        for clitic in text.clitics:
            rest = word[len(clitic) :]
            if word.startswith(clitic) and len(rest) > 2 and self.speller.knows(rest):
                return [(self._written[rest], [(term(self._written[rest]), 1.0)])]
        suggestions = [(self._written[s], d) for s, d in self.speller.suggestions(key)]
        if suggestions:
            best = suggestions[0][0]
            return [(best, [(term(s), CORRECTION_WEIGHT[d]) for s, d in suggestions])]
        splits = self.speller.splits(key)
        if splits:
            return [
                (self._written[part], [(term(self._written[part]), SPLIT_WEIGHT)])
                for part in splits[0]
            ]
        return [(word, [(term(word), 1.0)])]

    _readings = readings

    # Ranking

    def search(self, query: str, *, limit: int = 10) -> list[Hit]:
        slots, added = self._slots(query)
        if not slots:
            return []
        candidates: set[int] = set()
        for slot in slots:
            for term, _ in slot.alternatives:
                candidates.update(self._impact.get(term, ()))
        for phrases in added:
            for phrase in phrases:
                for term in phrase:
                    candidates.update(self._impact.get(term, ()))
        slot_weights = [self._slot_weight(slot, added) for slot in slots]
        total_weight = sum(slot_weights)
        hits = []
        for position in candidates:
            score, coverage = self._score(position, slots, added, slot_weights, total_weight)
            score *= KIND_PRIOR.get(self.documents[position].kind, 1.0)
            if coverage >= MIN_COVERAGE and score >= self._min_score:
                hits.append(Hit(self.documents[position], score))
        hits.sort(key=lambda hit: (-hit.score, hit.document.title))
        if not hits:
            return []
        floor = hits[0].score * RELATIVE_FLOOR
        return [hit for hit in hits if hit.score >= floor][:limit]

    def _slot_weight(self, slot: _Slot, added: list[list[tuple[str, ...]]]) -> float:
        """How much a query word matters: the rarity of its best reading (unknown words most)."""
        known = [self._idf[term] for term, _ in slot.alternatives if term in self._idf]
        if known:
            return max(known)
        synonyms = [
            self._idf[term]
            for index in slot.covered_by
            for phrase in added[index]
            for term in phrase
            if term in self._idf
        ]
        return sum(synonyms) / len(synonyms) if synonyms else self._unknown_idf

    def _score(self, position, slots, added, slot_weights, total_weight) -> tuple[float, float]:
        score = 0.0
        best_terms: list[str | None] = []
        matched_slots: list[bool] = []
        for slot in slots:
            best, best_term = 0.0, None
            for term, weight in slot.alternatives:
                value = weight * self._impact.get(term, {}).get(position, 0.0)
                if value > best:
                    best, best_term = value, term
            score += best
            best_terms.append(best_term)
            matched_slots.append(best > 0)
        expansion_matched = []
        for phrases in added:
            best = 0.0
            for phrase in phrases:
                value = sum(self._impact.get(term, {}).get(position, 0.0) for term in phrase)
                value += self._phrase_bonus(position, list(phrase))
                best = max(best, value)
            score += SYNONYM_WEIGHT * best
            expansion_matched.append(best > 0)
        score += self._phrase_bonus(position, best_terms)
        covered = sum(
            weight
            for weight, slot, matched in zip(slot_weights, slots, matched_slots, strict=True)
            if matched or any(expansion_matched[i] for i in slot.covered_by)
        )
        coverage = covered / total_weight if total_weight else 0.0
        return score * coverage**COVERAGE_POWER, coverage

    def _phrase_bonus(self, position: int, terms: list[str | None]) -> float:
        pairs = self._pairs[position]
        bonus = 0.0
        for first, second in itertools.pairwise(terms):
            if first is None or second is None:
                continue
            where = pairs.get((first, second))
            if where:
                bonus += PHRASE_BONUS[where] * (self._idf[first] + self._idf[second])
        return bonus
