"""Where a contact came in: the council profile's phone lines and face-to-face places, as the
choices an officer picks from and the names a record shows."""

from __future__ import annotations

from django.conf import settings

from opencex.council.profile import PhoneLine, Place
from opencex.languages import in_current_language


def _lines() -> dict[str, PhoneLine]:
    # A profile's phone lines have no slug of their own; their names are unique within a council.
    return {line.slug: line for line in settings.COUNCIL_PROFILE.phone_lines}


def phone_line_choices() -> list[tuple[str, str]]:
    """The council's phone lines, the general line first."""
    lines = sorted(_lines().items(), key=lambda item: item[1].purpose != "general")
    return [(slug, f"{in_current_language(line.name)} ({line.number})") for slug, line in lines]


def main_phone_line() -> str:
    """The line a call is taken to have come in on unless the officer says otherwise."""
    main = settings.COUNCIL_PROFILE.main_phone
    return next(slug for slug, line in _lines().items() if line == main)


def phone_line(slug: str) -> PhoneLine | None:
    return _lines().get(slug)


def is_vulnerable_line(slug: str) -> bool:
    line = phone_line(slug)
    return line is not None and line.purpose == "vulnerable"


def _places() -> dict[str, Place]:
    return {place.slug: place for place in settings.COUNCIL_PROFILE.places}


def place_choices() -> list[tuple[str, str]]:
    """The council's desks and outreach sessions, from its profile."""
    return [(slug, place.name) for slug, place in _places().items()]


def place_name(slug: str) -> str:
    """A place's name; the stored slug itself if the profile no longer lists it."""
    place = _places().get(slug)
    return place.name if place else slug


def phone_line_name(slug: str) -> str:
    line = phone_line(slug)
    return in_current_language(line.name) if line else slug
