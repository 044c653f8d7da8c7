"""Finding directory entries by need and by distance from a postcode — for the public directory
page and for officers recording a signposting (`find_organisations`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from opencex.directory.models import Service
from opencex.directory.postcodes import Point, distance_km, locate_postcode

# Words that say nothing about the need ("help with food" is about food).
_STOP_WORDS = frozenset(
    {
        "a", "an", "and", "any", "can", "for", "from", "get", "getting", "help", "i", "in",
        "is", "me", "my", "near", "need", "of", "on", "or", "support", "the", "to", "where",
        "who", "with",
    }
)  # fmt: skip


@dataclass(frozen=True)
class DirectoryMatch:
    """One entry found: the service (with its organisation) and, when a postcode was given, how
    far its nearest location is (None for a phone or online service)."""

    service: Service
    distance_km: float | None = None
    score: int = 0

    @property
    def distance_miles(self) -> float | None:
        return None if self.distance_km is None else self.distance_km / 1.609344


def _words(text: str) -> list[str]:
    return [_stem(word) for word in re.findall(r"[a-z0-9]+", text.lower())]


def _stem(word: str) -> str:
    # Plural to singular is enough for a few hundred entries: "larders" finds "larder".
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _need_score(service: Service, need_words: list[str]) -> int:
    """How well a service meets the need: a need tag or a word in the name counts most; every
    word of the need must appear somewhere, so "food bank" does not find every bank."""
    tags = {term.slug for term in service.taxonomy_terms.all()}
    tag_words = set(_words(" ".join(f"{t.slug} {t.name}" for t in service.taxonomy_terms.all())))
    name_words = set(_words(f"{service.name} {service.organization.name}"))
    text_words = set(_words(f"{service.description} {service.organization.description}"))
    score = 0
    for word in need_words:
        if word in tag_words or word in tags or word in name_words:
            score += 3
        elif word in text_words:
            score += 1
        else:
            return 0
    # The need's words side by side in the name ("food bank") beat the same words apart.
    phrase = " ".join(need_words)
    if len(need_words) > 1 and phrase in " ".join(_words(service.name)):
        score += 2
    return score


def find_organisations(
    *, need: str = "", near_postcode: str = "", limit: int | None = None
) -> list[DirectoryMatch]:
    """Active directory entries that meet the need (a tag such as "food", or words), nearest
    first when a postcode is given, otherwise best match first.

    Entries with no place (phone or online) come after those with one when sorting by distance.
    Raises `postcodes.UnknownPostcode` (with a message to show) for a postcode it cannot place.
    """
    origin: Point | None = locate_postcode(near_postcode) if near_postcode.strip() else None
    need_words = [word for word in _words(need) if word not in _STOP_WORDS]
    services = (
        Service.objects.active()
        .select_related("organization")
        .prefetch_related("taxonomy_terms", "locations")
    )
    matches = []
    for service in services:
        score = _need_score(service, need_words) if need_words else 0
        if need_words and not score:
            continue
        distance = None
        if origin is not None:
            distances = [
                distance_km(origin, Point(location.latitude, location.longitude))
                for location in service.locations.all()
                if location.has_coordinates
            ]
            distance = min(distances) if distances else None
        matches.append(DirectoryMatch(service=service, distance_km=distance, score=score))
    if origin is not None:
        matches.sort(
            key=lambda m: (m.distance_km is None, m.distance_km or 0.0, -m.score, m.service.name)
        )
    else:
        matches.sort(key=lambda m: (-m.score, m.service.name))
    return matches[:limit] if limit else matches
