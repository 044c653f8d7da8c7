"""The proposal rule, pure Python: whether two reports look like the same problem, with a score
and the reasons in an officer's words. The services feed it database rows, the bench feeds it
the labelled demo set, so what is measured is what runs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz

from opencex.directory.postcodes import Point, distance_km

MODEL_VERSION = "duplicate-reports-rule-1"

# Near-identical text: the same words in any order (token sort), or one report's words nearly
# all within the other's when both say enough to mean something (token set on 5+ words).
SAME_TEXT = 88
SAME_WORDS_SUBSET = 92
SUBSET_MIN_WORDS = 5
# Two reports placed only by a postcode sector's centre are at the same place when they give
# the same full postcode and their words overlap this much.
POSTCODE_TEXT = 55
_EXACT_PRECISION_M = 25
# Map points this many times the service's distance apart are different places, whatever the
# words say.
ELSEWHERE_FACTOR = 4

_WORD = re.compile(r"[^\w\s]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "on",
        "in",
        "at",
        "by",
        "to",
        "for",
        "near",
        "next",
        "outside",
        "there",
        "is",
        "it",
        "its",
        "this",
        "that",
        "has",
        "have",
        "been",
        "was",
        "someone",
        "please",
        "some",
        "i",
        "we",
        "my",
        "our",
    ]
)


@dataclass(frozen=True)
class Report:
    """What the rule reads of one report."""

    id: int
    service_id: int | None
    received_at: datetime
    text: str
    latitude: float | None = None
    longitude: float | None = None
    precision_m: int | None = None
    postcode: str = ""
    uprn: str = ""

    @property
    def is_exact(self) -> bool:
        return (
            self.latitude is not None
            and self.longitude is not None
            and self.precision_m is not None
            and self.precision_m <= _EXACT_PRECISION_M
        )


@dataclass(frozen=True)
class Match:
    score: float
    reasons: tuple[str, ...]
    metres: float | None
    same_text: bool


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, common little words dropped."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = _WORD.sub(" ", text.lower()).split()
    return " ".join(word for word in words if word not in _STOP)


def text_similarity(a: str, b: str) -> tuple[float, bool]:
    """(similarity 0..100, whether the texts are near-identical) of two normalised texts."""
    if not a or not b:
        return 0.0, False
    sorted_ratio = fuzz.token_sort_ratio(a, b)
    set_ratio = fuzz.token_set_ratio(a, b)
    enough_words = min(len(a.split()), len(b.split())) >= SUBSET_MIN_WORDS
    same = sorted_ratio >= SAME_TEXT or (enough_words and set_ratio >= SAME_WORDS_SUBSET)
    return max(sorted_ratio, set_ratio if enough_words else sorted_ratio), same


def _days_apart(a: Report, b: Report) -> float:
    return abs((a.received_at - b.received_at).total_seconds()) / 86400


def _describe_days(days: float) -> str:
    whole = round(days)
    if whole == 0:
        return "same day"
    return "1 day apart" if whole == 1 else f"{whole} days apart"


def match(a: Report, b: Report, *, metres: int, days: int) -> Match | None:
    """Whether `a` and `b` look like the same problem: within `days` of each other, and either
    the same service at the same place (within `metres` for two map points; the same property;
    the same postcode with overlapping words when only a postcode places them) or near-identical
    text. None when they do not."""
    gap = _days_apart(a, b)
    if gap > days:
        return None
    similarity, same_text = text_similarity(normalise(a.text), normalise(b.text))
    same_service = a.service_id is not None and a.service_id == b.service_id
    place_reason, closeness, apart = _same_place(a, b, metres=metres, similarity=similarity)
    # The same words count only where the places do not say otherwise: common words ("dog mess
    # on the pavement") are written about many places.
    same_text = same_text and not _elsewhere(a, b, apart=apart, metres=metres)
    if not ((same_service and place_reason) or same_text):
        return None
    reasons = [place_reason] if place_reason else []
    if same_service:
        reasons.append("same service")
    reasons.append(_describe_days(gap))
    if same_text:
        reasons.append("same words")
    score = (
        0.45 * closeness
        + 0.2 * (1.0 if same_service else 0.0)
        + 0.15 * (1 - gap / (days + 1))
        + 0.2 * similarity / 100
    )
    return Match(score=round(score, 3), reasons=tuple(reasons), metres=apart, same_text=same_text)


def _elsewhere(a: Report, b: Report, *, apart: float | None, metres: int) -> bool:
    """Whether the two places are known to differ: map points well beyond the distance, or
    postcodes in different sectors (neighbouring full postcodes are often a street apart)."""
    if apart is not None:
        return apart > ELSEWHERE_FACTOR * metres
    return bool(a.postcode and b.postcode and a.postcode[:-2] != b.postcode[:-2])


def _point(report: Report) -> Point:
    assert report.latitude is not None
    assert report.longitude is not None
    return Point(report.latitude, report.longitude)


def _same_place(
    a: Report, b: Report, *, metres: int, similarity: float
) -> tuple[str, float, float | None]:
    """(reason, closeness 0..1, metres apart) or ("", 0, …) when the place does not match."""
    if a.is_exact and b.is_exact:
        apart = 1000 * distance_km(_point(a), _point(b))
        if apart <= metres:
            return f"{apart:.0f} m apart", 1 - 0.5 * apart / max(metres, 1), apart
        return "", 0.0, apart
    if a.uprn and a.uprn == b.uprn:
        return "same property", 0.8, None
    full_postcode = " " in a.postcode and len(a.postcode) >= 6
    if full_postcode and a.postcode == b.postcode and similarity >= POSTCODE_TEXT:
        return f"same postcode ({a.postcode})", 0.5, None
    return "", 0.0, None
