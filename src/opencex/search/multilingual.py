"""The site's index in every language it offers: one `SearchIndex` per language, and a query in
a language searched in that language first, then in English through the language's lexicon.

A query is read in the language its letters show (Arabic script is Arabic; ą, ę, ł, ś… are
Polish), else in the language asked for (the page's, or the API's `lang`). In a language L:

1. the query is searched in L's index (the documents translated into L), with L's stemmer,
   synonyms and spelling check;
2. its words are put into English with L's lexicon (`data/lexicon.<L>.txt`; an English word in
   the query, such as "council tax", is kept as it is) and searched in the English index, so a
   page with no translation is still found — with less weight (`CROSS_WEIGHT`), and less again
   when some of the query's words could not be put into English;
3. each document keeps the better of the two scores, and a little of the other.

Scores of two indexes are compared after dividing each by its index's weight of the rarest
possible word (`SearchIndex.scale`), since a word's weight depends on how many documents the
index has. Results are shown in the query's language where translated.
"""

from __future__ import annotations

from collections.abc import Iterable

from opencex.search.analysis import ENGLISH, analyzer, script_language
from opencex.search.documents import Document
from opencex.search.index import MAX_QUERY_WORDS, RELATIVE_FLOOR, Hit, SearchIndex
from opencex.search.synonyms import lexicon, thesaurus

# A document found only through the lexicon (in English) counts this much against one found in
# the query's own language: a translation of the resident's words is a guess.
CROSS_WEIGHT = 0.7
# The weaker of a document's two scores (own language, English) still adds this share.
OTHER_SHARE = 0.3
# The cross-language score is multiplied by (share of the query's words put into English) ** this.
UNTRANSLATED_POWER = 2.0
# A misspelt word is put into English as its correction only from this length.
MIN_CORRECTED_FOR_LEXICON = 7
# How many results each index gives before they are merged.
POOL = 50


class SiteIndex:
    """The English index and one per other language; `search` merges them as described above."""

    def __init__(self, documents: Iterable[Document], languages: Iterable[str] = ()) -> None:
        documents = list(documents)
        self.english = SearchIndex(documents, thesaurus())
        self.documents = self.english.documents
        self.indexes: dict[str, SearchIndex] = {}
        for language in languages:
            if language == ENGLISH or language in self.indexes:
                continue
            try:
                analyzer(language)
            except ValueError:
                continue  # a language with no stemmer is searched in English
            self.indexes[language] = SearchIndex(
                documents,
                thesaurus(language),
                language=language,
                extra_words=lexicon(language).words,
            )

    def __len__(self) -> int:
        return len(self.english)

    def language_of(self, query: str, language: str = ENGLISH) -> str:
        """The language the query is read in: its script's if certain, else the one asked for
        (English when the site has no index for it)."""
        code = (language or ENGLISH).lower().split("-")[0].split("_")[0]
        detected = script_language(query)
        if detected in self.indexes:
            return detected
        return code if code in self.indexes else ENGLISH

    def search(self, query: str, *, language: str = ENGLISH, limit: int = 10) -> list[Hit]:
        code = self.language_of(query, language)
        if code != ENGLISH:
            return self._search_in(code, query, limit)
        hits = self.english.search(query, limit=limit)
        if hits or not self.indexes:
            return hits
        # Nothing in English: the query may be in another language typed in plain letters
        # ("smieci"); the first language that knows one of its words as written, and finds
        # something, answers (a guess from corrected words alone would find junk).
        for other, index in self.indexes.items():
            if index.knows_any(query):
                found = self._search_in(other, query, limit)
                if found:
                    return found
        return []

    def _search_in(self, code: str, query: str, limit: int) -> list[Hit]:
        own_index = self.indexes[code]
        scores: dict[tuple[str, str], list[float]] = {}
        documents: dict[tuple[str, str], Document] = {}
        for hit in own_index.search(query, limit=POOL):
            scores[hit.document.key] = [hit.score / own_index.scale, 0.0]
            documents[hit.document.key] = hit.document
        english_query, share = self.in_english(query, code)
        if english_query:
            weight = CROSS_WEIGHT * share**UNTRANSLATED_POWER / self.english.scale
            for hit in self.english.search(english_query, limit=POOL):
                scores.setdefault(hit.document.key, [0.0, 0.0])[1] = hit.score * weight
                documents.setdefault(hit.document.key, hit.document)
        merged = []
        for key, (own, cross) in scores.items():
            score = max(own, cross) + OTHER_SHARE * min(own, cross)
            merged.append(Hit(documents[key].in_language(code), score))
        merged.sort(key=lambda hit: (-hit.score, hit.document.title))
        if not merged:
            return []
        floor = merged[0].score * RELATIVE_FLOOR
        return [hit for hit in merged if hit.score >= floor][:limit]

    def in_english(self, query: str, code: str) -> tuple[str, float]:
        """The query put into English with the language's lexicon, and the share of its words
        that could be (an English word in it counts as put). ("", 0.0) when none could."""
        index = self.indexes[code]
        text = index.analyzer
        rules = lexicon(code)
        keys: list[str] = []
        written: list[str | None] = []  # the query's word at each key; None for a negation
        for word in text.words(query)[:MAX_QUERY_WORDS]:
            if word in text.negations:
                keys.append(word)
                written.append(None)
            elif text.is_searchable(word):
                for spelt, alternatives in index.readings(word):
                    corrected = alternatives[0][1] < 1.0
                    # A short word one letter from a known one is as often another word
                    # ("bliska" is not "boiska"): only longer words are put into English
                    # corrected.
                    if corrected and len(word) < MIN_CORRECTED_FOR_LEXICON:
                        spelt = word
                    keys.append(text.phrase_key(spelt))
                    written.append(word)
        english: list[list[str]] = [[] for _ in keys]
        for expansion in rules.expansions(keys):
            english[expansion.start] = list(expansion.adds[0])
            for position in range(expansion.start + 1, expansion.end):
                english[position] = []
            for position in range(expansion.start, expansion.end):
                if written[position] is None:
                    written[position] = ""  # a negation the rule has read
        content = [position for position, word in enumerate(written) if word]
        if not content:
            return "", 0.0
        covered = {
            position
            for expansion in rules.expansions(keys)
            for position in range(expansion.start, expansion.end)
        }
        for position in content:
            if position not in covered and self.english.speller.knows(written[position]):
                english[position] = [written[position]]  # an English word kept as it is
                covered.add(position)
        words = [word for position in range(len(keys)) for word in english[position]]
        share = sum(position in covered for position in content) / len(content)
        return " ".join(words), share
