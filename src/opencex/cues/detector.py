"""Finding the urgency cues in a text (pure Python: no database, no Django).

How a text is read:
- Words are lower-cased, apostrophes dropped ("don't" is "dont"), Polish letters folded
  ("ciepłej" is "cieplej"), Arabic normalised as the search does (alef forms, ta marbuta, marks)
  and its article removed; an Arabic word is also tried without a leading و ف ب ل.
- Typos: a whole word of 5 letters or more matches with one letter wrong, missing, extra or two
  swapped (9 or more: two); a stem of 7 letters or more likewise, so inflections and typos of
  long words both match ("ogrzewnie", "heatting").
- The text is cut into clauses at sentence ends, commas and "but" words. A phrase is found when
  each of its slots is filled by a different word of one clause, all within `WINDOW` words.
- Negation: a phrase that does not carry its own negation is cancelled by a negation in the
  three words before it ("I do not smell gas", "nie czuć gazu", "لا توجد رائحة غاز"); "no longer
  smell gas" is a negation too. A clause that says the problem is over ("fixed", "working again",
  "naprawione", "تم اصلاح") holds no cue, unless a negation is just before that word ("still not
  fixed"); such a clause also cancels the clause before it when it starts by pointing back ("but",
  "it", "now": "The boiler broke, but it is fixed now").
- Near misses: words listed as `excluded` within three words of a phrase cancel it ("flood risk",
  "food waste collection").
- Not handled: conditionals and questions ("what if the heating fails?"), reported speech about
  someone else, the past without a resolution ("last winter the heating broke") and sarcasm.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import product

from rapidfuzz.distance import OSA

from opencex.cues.lexicon import CONTRASTS, CUES, NEGATIONS, RESOLVED, Cue, Phrase
from opencex.search.analysis import fold_polish, normalise_arabic, strip_arabic_article

WINDOW = 6  # the most words between a phrase's first and last
NEGATION_REACH = 3
EXCLUSION_REACH = 3
# Months with no heating season ("no heating, no hot water in winter"): May to September.
SUMMER_MONTHS = frozenset({5, 6, 7, 8, 9})

_APOSTROPHES = re.compile("['\u2019`\u00b4]")  # straight, curly, grave, acute
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?;:\n،؛؟…,]+")
_ARABIC_CLITICS = ("و", "ف", "ب", "ل")
# A clause starting with one of these points back at the clause before ("..., but it is fixed").
_POINTS_BACK = "it|its|now|this|that|thats|they|juz|teraz|to|ale|الان|لقد|تم|قد"


def normalise(word: str) -> str:
    word = fold_polish(word.lower())
    decomposed = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in decomposed if not unicodedata.combining(c))
    return strip_arabic_article(normalise_arabic(word))


def forms_of(word: str) -> tuple[str, ...]:
    """The ways `word` may be written in the lexicon: normalised, and for Arabic without a
    one-letter prefix as well."""
    form = normalise(word)
    if len(form) > 3 and form[0] in _ARABIC_CLITICS:
        return (form, strip_arabic_article(form[1:]))
    return (form,)


def _alternatives(slot: str) -> tuple[str, ...]:
    return tuple(normalise_term(term) for term in slot.split("|") if term)


def normalise_term(term: str) -> str:
    if term.endswith("*"):
        return normalise(term[:-1]) + "*"
    return " ".join(normalise(part) for part in term.split())


@cache
def _term_matches(term: str, form: str, fuzzy: bool = True) -> bool:
    if term.endswith("*"):
        stem = term[:-1]
        if form.startswith(stem):
            return True
        if not fuzzy or len(stem) < 7 or len(form) < len(stem) - 1:
            return False
        return any(
            OSA.distance(form[:length], stem, score_cutoff=1) <= 1
            for length in (len(stem) - 1, len(stem), len(stem) + 1)
        )
    if form == term:
        return True
    if not fuzzy or len(term) < 5 or abs(len(form) - len(term)) > 2:
        return False
    allowed = 2 if len(term) >= 9 else 1
    return OSA.distance(form, term, score_cutoff=allowed) <= allowed


def _matches_any(terms: Iterable[str], forms: tuple[str, ...], *, fuzzy: bool = True) -> bool:
    """Whether a form of the word is one of `terms`; the small words that turn a phrase (no,
    fixed, but) are matched exactly, since one letter off they are other words ("want")."""
    exact = _negations()
    return any(
        _term_matches(term, form, fuzzy and term not in exact) for term in terms for form in forms
    )


@dataclass(frozen=True)
class _Compiled:
    cue: Cue
    phrases: tuple[tuple[tuple[tuple[str, ...], ...], bool], ...]  # (slots, negative)
    excluded: tuple[str, ...]


def _union(table: dict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for text in table.values() for t in _alternatives(text)))


@cache
def _compiled() -> tuple[_Compiled, ...]:
    compiled = []
    for cue in CUES:
        phrases: list[tuple[tuple[tuple[str, ...], ...], bool]] = []
        for language_phrases in cue.phrases.values():
            for phrase in language_phrases:
                phrases.append((tuple(_alternatives(s) for s in phrase.slots), phrase.negative))
        compiled.append(_Compiled(cue, tuple(phrases), _union(cue.excluded)))
    return tuple(compiled)


@cache
def _negations() -> tuple[str, ...]:
    return _union(NEGATIONS)


@cache
def _resolutions() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(term.split()) for term in _union(RESOLVED))


@cache
def _points_back() -> tuple[str, ...]:
    return _union(CONTRASTS) + _alternatives(_POINTS_BACK)


Clause = list[tuple[str, ...]]  # each word's forms


def clauses_of(text: str) -> list[Clause]:
    """The text's clauses: split at sentence ends and commas, and before each "but" word."""
    contrasts = _union(CONTRASTS)
    clauses: list[Clause] = []
    for sentence in _SENTENCE_END.split(_APOSTROPHES.sub("", text)):
        clause: Clause = []
        for word in _WORD.findall(sentence):
            forms = forms_of(word)
            if clause and any(form in contrasts for form in forms):
                clauses.append(clause)
                clause = []
            clause.append(forms)
        if clause:
            clauses.append(clause)
    return clauses


def _is_negated(clause: Clause, index: int) -> bool:
    start = max(0, index - NEGATION_REACH)
    return any(_matches_any(_negations(), clause[i], fuzzy=False) for i in range(start, index))


def _says_resolved(clause: Clause) -> bool:
    for index in range(len(clause)):
        for words in _resolutions():
            if index + len(words) > len(clause):
                continue
            if all(
                _matches_any((w,), clause[index + k], fuzzy=False) for k, w in enumerate(words)
            ) and not _is_negated(clause, index):
                return True
    return False


def _find_phrase(clause: Clause, slots: Sequence[tuple[str, ...]]) -> tuple[int, ...] | None:
    """The word positions filling each slot, closest together, if within the window."""
    candidates = []
    for slot in slots:
        found = [i for i, forms in enumerate(clause) if _matches_any(slot, forms)]
        if not found:
            return None
        candidates.append(found)
    best: tuple[int, ...] | None = None
    for positions in product(*candidates):
        if len(set(positions)) < len(positions):
            continue
        span = max(positions) - min(positions)
        if span <= WINDOW and (best is None or span < max(best) - min(best)):
            best = positions
    return best


def _near_excluded(clause: Clause, positions: tuple[int, ...], excluded: tuple[str, ...]) -> bool:
    if not excluded:
        return False
    start = max(0, min(positions) - EXCLUSION_REACH)
    end = min(len(clause), max(positions) + EXCLUSION_REACH + 1)
    return any(
        i not in positions and _matches_any(excluded, clause[i], fuzzy=False)
        for i in range(start, end)
    )


def _cues_in_clause(clause: Clause) -> set[str]:
    found = set()
    for compiled in _compiled():
        for slots, negative in compiled.phrases:
            positions = _find_phrase(clause, slots)
            if positions is None:
                continue
            if not negative and _is_negated(clause, min(positions)):
                continue
            if _near_excluded(clause, positions, compiled.excluded):
                continue
            found.add(compiled.cue.key)
            break
    return found


def find_cues(text: str, *, on: date | None = None) -> list[str]:
    """The keys of the cues in `text`, in the lexicon's order. `on` (the day the text came)
    leaves out the heating-season cues in summer; without it every cue is looked for."""
    clauses = clauses_of(text)
    per_clause = [_cues_in_clause(clause) for clause in clauses]
    for i, clause in enumerate(clauses):
        if not _says_resolved(clause):
            continue
        per_clause[i] = set()
        points_back = clause and _matches_any(_points_back(), clause[0], fuzzy=False)
        if i > 0 and points_back:
            per_clause[i - 1] = set()
    found = set().union(*per_clause) if per_clause else set()
    in_summer = on is not None and on.month in SUMMER_MONTHS
    return [
        cue.key for cue in CUES if cue.key in found and not (in_summer and cue.heating_season_only)
    ]


def phrase_count() -> int:
    return sum(len(c.phrases) for c in _compiled())


__all__ = ["Phrase", "clauses_of", "find_cues", "normalise"]
