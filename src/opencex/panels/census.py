"""The city's census profile that a panel is compared with: a JSON file beside the council's
profile (council/profiles/<slug>.census.json), percentages per characteristic and group.
Oxford's ships with OpenCEX; another council writes its own (docs/panels.md)."""

from __future__ import annotations

import functools
import json
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


def load_census(path: Path) -> CensusProfile:
    if not path.is_file():
        raise CensusProfileError(f"no census profile at {path}")
    return parse_census(json.loads(path.read_text(encoding="utf-8")))


@functools.cache
def council_census() -> CensusProfile | None:
    """The council's own census profile, by its profile's slug; None if it has none yet."""
    path = PROFILES_DIR / f"{settings.COUNCIL_PROFILE.slug}.census.json"
    return load_census(path) if path.is_file() else None


def wards() -> list[str]:
    """The council's wards, as its census profile names them (the sign-up form's list)."""
    census = council_census()
    return sorted(census.groups("ward")) if census else []
