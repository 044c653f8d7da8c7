"""Where a postcode roughly is, from a small bundled table of Oxford's postcode sectors, and how
far apart two points are (haversine). No outside lookup: the directory works offline."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_TABLE = Path(__file__).parent / "data" / "oxford_postcodes.json"
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
EARTH_RADIUS_KM = 6371.0088


class UnknownPostcode(ValueError):
    """The postcode is not a postcode, or not one the table knows; the message says which."""


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@cache
def _table() -> tuple[dict[str, Point], dict[str, Point]]:
    data = json.loads(_TABLE.read_text(encoding="utf-8"))
    sectors = {key: Point(*value) for key, value in data["sectors"].items()}
    outward = {key: Point(*value) for key, value in data["outward_codes"].items()}
    return sectors, outward


def normalise_postcode(text: str) -> str:
    """`ox43xt` → `OX4 3XT`; a sector or outward code is kept as it is (`OX4 3`, `OX4`)."""
    compact = re.sub(r"\s+", "", text or "").upper()
    for pattern in (_FULL, _SECTOR):
        match = pattern.match(compact)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return compact


def locate_postcode(text: str) -> Point:
    """The approximate centre of the postcode's sector (or outward code, if that is all that
    was given). Raises `UnknownPostcode` with a sentence to show the resident."""
    postcode = normalise_postcode(text)
    sectors, outward_codes = _table()
    if not postcode:
        raise UnknownPostcode("Enter a postcode, like OX4 3XT")
    outward, _, inward = postcode.partition(" ")
    if not (_OUTWARD.match(outward) and (not inward or re.match(r"^[0-9]([A-Z]{2})?$", inward))):
        raise UnknownPostcode("Enter a real postcode, like OX4 3XT")
    if inward and f"{outward} {inward[0]}" in sectors:
        return sectors[f"{outward} {inward[0]}"]
    if outward in outward_codes:
        return outward_codes[outward]
    raise UnknownPostcode(
        f"We do not know where {postcode} is. The directory covers Oxford: enter a postcode "
        "that starts with OX1, OX2, OX3 or OX4, or leave the postcode blank"
    )


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance between two points, in kilometres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
