"""Reading one resident's text: its language, and for English its sentiment from the VADER
lexicon (vaderSentiment), mapped to negative, neutral or positive by thresholds chosen on the
tuning split of bench/sentiment/labelled.jsonl (docs/sentiment.md). Polish and Arabic texts
are not scored: an English lexicon would read them as neutral, which would be an invented
figure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.db import models
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


class Label(models.TextChoices):
    NEGATIVE = "negative", "Negative"
    NEUTRAL = "neutral", "Neutral"
    POSITIVE = "positive", "Positive"
    NOT_SCORED = "not_scored", "Not scored (language)"


# VADER's compound score runs from -1 to 1. Its authors suggest +-0.05; these were chosen on the
# tuning split (bench/sentiment/run.py --tune) to maximise macro-F1, and measured on the
# held-out split: a resident's complaint seldom uses a word from a general lexicon, so a
# slightly negative compound is already a complaint.
NEGATIVE_BELOW = -0.05
POSITIVE_FROM = 0.40
# Stored with every reading, so a change of library or thresholds shows which rows to rescore.
ANALYSER_VERSION = f"vader-3.3.2;neg<{NEGATIVE_BELOW};pos>={POSITIVE_FROM}"

SCORED_LANGUAGES = frozenset({"en"})
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_POLISH = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")


@dataclass(frozen=True)
class Reading:
    language: str
    label: Label
    score: float | None  # VADER's compound score; None when not scored

    @property
    def is_scored(self) -> bool:
        return self.score is not None


def text_language(text: str, recorded: str = "") -> str:
    """The text's language: the one recorded with it (the page's or the case's) when that is
    Polish or Arabic, else by its script (Arabic letters; Polish letters), else English."""
    recorded = (recorded or "").split("-")[0].lower()
    if recorded in {"pl", "ar"}:
        return recorded
    if _ARABIC.search(text):
        return "ar"
    if _POLISH.search(text):
        return "pl"
    return "en"


def label_for(compound: float) -> Label:
    """The label for a VADER compound score, by the tuned thresholds."""
    if compound < NEGATIVE_BELOW:
        return Label.NEGATIVE
    if compound >= POSITIVE_FROM:
        return Label.POSITIVE
    return Label.NEUTRAL


@cache
def _analyser() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def compound_score(text: str) -> float:
    return float(_analyser().polarity_scores(text)["compound"])


def read_text(text: str, recorded_language: str = "") -> Reading:
    """The sentiment of one text, or "not scored" for a language the lexicon does not know."""
    language = text_language(text, recorded_language)
    if language not in SCORED_LANGUAGES:
        return Reading(language, Label.NOT_SCORED, None)
    compound = compound_score(text)
    return Reading(language, label_for(compound), compound)
