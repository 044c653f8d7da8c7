"""The horizon check before launch: other consultations that would ask the same people at the
same time (a clash) or ask them about the same thing again (a duplicate). Each finding says why.

Two audiences overlap when their people and their places do: the same group, or either is
everyone; and a shared ward, or either is city-wide. Dates clash when they overlap or come
within `GAP_DAYS` of each other. A duplicate is a shared topic tag or a title with most words in
common (Jaccard on stemmed words), with overlapping audiences, ending within the last
`LOOKBACK_DAYS` or planned ahead, closed ones included: "we asked this in March"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from opencex.consultations.models import Audience, Consultation, FindingKind
from opencex.search.analysis import analyzer

GAP_DAYS = 14
LOOKBACK_DAYS = 365
SIMILAR_TITLES = 0.5  # share of stemmed words in common (of the two titles' words together)


@dataclass(frozen=True)
class FoundPair:
    other: Consultation
    kind: str
    why: str


def people_overlap(one: Consultation, other: Consultation) -> str | None:
    """Why the two audiences share people, or None."""
    if one.audience != other.audience and Audience.EVERYONE not in (one.audience, other.audience):
        return None
    if (
        one.audience == other.audience == Audience.PANEL
        and one.panel_id is not None
        and other.panel_id is not None
        and one.panel_id != other.panel_id
    ):
        return None  # two different panels: not the same people
    if one.wards and other.wards:
        shared = sorted(set(one.wards) & set(other.wards))
        if not shared:
            return None
        places = f"both in {', '.join(shared)}"
    elif one.wards or other.wards:
        places = "one is city-wide"
    else:
        places = "both city-wide"
    who = (
        f"both ask {one.audience_label.lower()}"
        if one.audience == other.audience
        else "one asks everyone"
    )
    return f"{who}, {places}"


def title_words(title: str) -> set[str]:
    return set(analyzer("en").terms(title))


def title_similarity(one: str, other: str) -> float:
    a, b = title_words(one), title_words(other)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _dates_near(one: Consultation, other: Consultation, gap_days: int) -> bool:
    gap = timedelta(days=gap_days)
    return other.starts_on <= one.ends_on + gap and one.starts_on <= other.ends_on + gap


def _when(other: Consultation) -> str:
    return f"{other.starts_on:%d/%m/%Y} to {other.ends_on:%d/%m/%Y}"


def check_plan(
    consultation: Consultation, *, gap_days: int = GAP_DAYS, lookback_days: int = LOOKBACK_DAYS
) -> list[FoundPair]:
    """Every clash and duplicate of the plan with another consultation, each with why."""
    earliest = consultation.starts_on - timedelta(days=lookback_days)
    others = (
        Consultation.objects.exclude(pk=consultation.pk)
        .filter(ends_on__gte=earliest)
        .prefetch_related("topics")
        .order_by("starts_on", "pk")
    )
    own_topics = {topic.pk: topic.name for topic in consultation.topics.all()}
    found: list[FoundPair] = []
    for other in others:
        people = people_overlap(consultation, other)
        if people is None:
            continue
        if _dates_near(consultation, other, gap_days):
            found.append(
                FoundPair(
                    other,
                    FindingKind.CLASH,
                    f"Runs {_when(other)}, within {gap_days} days of this one; {people}.",
                )
            )
        shared = sorted(name for pk, name in own_topics.items() if pk in _topic_ids(other))
        similarity = title_similarity(consultation.title, other.title)
        if shared or similarity >= SIMILAR_TITLES:
            about = (
                f"shares the topic {', '.join(shared)}"
                if shared
                else f"has a similar title ({similarity:.0%} of words in common)"
            )
            found.append(
                FoundPair(
                    other,
                    FindingKind.DUPLICATE,
                    f"{other.get_status_display()}, {_when(other)}: {about}; {people}.",
                )
            )
    return found


def _topic_ids(consultation: Consultation) -> set[int]:
    return {topic.pk for topic in consultation.topics.all()}
