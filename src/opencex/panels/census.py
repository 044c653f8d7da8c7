"""The city's census profile that a panel is compared with: a JSON file beside the council's
profile (council/profiles/<slug>.census.json), percentages per characteristic and group.
Oxford's ships with OpenCEX; another council writes its own (docs/panels.md).

The council's wards are listed once, in its profile (`settings.COUNCIL_PROFILE.wards`): the
census file's ward groups must be exactly those wards, or it is refused."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from opencex.council.profile import PROFILES_DIR


class CensusProfileError(ValueError):
    """The census profile file is missing or does not add up."""


@dataclass(frozen=True)
class CensusProfile:
    source: str
    checked: bool
    # characteristic -> group -> percentage of the city (each characteristic adds up to 100)
    shares: dict[str, dict[str, float]]

    def groups(self, characteristic: str) -> dict[str, float]:
        return self.shares.get(characteristic, {})


def parse_census(raw: dict) -> CensusProfile:
    shares = raw.get("characteristics")
    if not isinstance(shares, dict) or not shares:
        raise CensusProfileError("census profile: 'characteristics' is required")
    for name, groups in shares.items():
        total = sum(float(value) for value in groups.values())
        if abs(total - 100) > 0.5:
            raise CensusProfileError(f"census profile: {name} adds up to {total:.1f}, not 100")
    return CensusProfile(
        source=str(raw.get("source", "")),
        checked=bool(raw.get("checked", False)),
        shares={
            name: {group: float(value) for group, value in groups.items()}
            for name, groups in shares.items()
        },
    )


def check_wards(census: CensusProfile, wards: Iterable[str], *, path: Path) -> None:
    """Refuse a census whose ward groups are not exactly the council profile's wards, naming the
    file and the first ward that is missing from it or that the profile does not have."""
    profile_wards = set(wards)
    census_wards = set(census.groups("ward"))
    for ward in sorted(profile_wards - census_wards):
        raise CensusProfileError(
            f"census profile {path}: the council's ward {ward!r} has no ward group "
            "(the wards must be exactly the council profile's)"
        )
    for ward in sorted(census_wards - profile_wards):
        raise CensusProfileError(
            f"census profile {path}: {ward!r} is not one of the council profile's wards "
            "(the wards must be exactly the council profile's)"
        )


def load_census(path: Path, *, wards: Iterable[str] | None = None) -> CensusProfile:
    """Read and check a census file; with `wards`, its ward groups must be exactly those."""
    if not path.is_file():
        raise CensusProfileError(f"no census profile at {path}")
    census = parse_census(json.loads(path.read_text(encoding="utf-8")))
    if wards is not None:
        check_wards(census, wards, path=path)
    return census


@functools.cache
def council_census() -> CensusProfile | None:
    """The council's own census profile, by its profile's slug, its wards checked against the
    profile's; None if it has none yet."""
    path = PROFILES_DIR / f"{settings.COUNCIL_PROFILE.slug}.census.json"
    if not path.is_file():
        return None
    return load_census(path, wards=settings.COUNCIL_PROFILE.wards)


def wards() -> list[str]:
    """The council's wards, from its profile (the one list; the census file's must match)."""
    return sorted(settings.COUNCIL_PROFILE.wards)
