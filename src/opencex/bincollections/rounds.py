"""Which round collects from an address: by its UPRN where the bin collections file lists it,
else by its street and the start of its postcode (the longest street name that fits wins, so
"Old High Street" is not taken for "High Street")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from opencex.bincollections.config import BinsFile, Round

# A UK postcode, written any way: "ox46hp", "OX4 6HP", " ox4  6hp ".
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$")


def normalised_postcode(text: str) -> str | None:
    """`text` as a postcode is written ("OX4 6HP"), or None if it is not one."""
    compact = "".join(text.upper().split())
    found = POSTCODE.match(compact)
    return f"{found[1]} {found[2]}" if found else None


def postcode_starts_with(postcode: str, start: str) -> bool:
    """Whether `postcode` is in the district ("OX4"), sector ("OX4 6") or is the postcode
    `start` names."""
    written = normalised_postcode(postcode)
    if written is None:
        return False
    outward, inward = written.split(" ")
    start_outward, _, start_inward = start.partition(" ")
    return outward == start_outward and inward.startswith(start_inward)


def _street_of(lines: Iterable[str], street: str) -> bool:
    wanted = street.lower()
    for line in lines:
        line = " ".join(line.lower().split())
        if line == wanted or line.endswith(" " + wanted):
            return True
    return False


def round_for_address(
    config: BinsFile, *, uprn: str, lines: Iterable[str], postcode: str
) -> Round | None:
    """The round that collects from this address, or None if the file has none for it."""
    lines = [line for line in lines if line]
    if uprn:
        for each in config.rounds:
            if uprn in each.uprns:
                return each
    best: tuple[int, Round] | None = None
    for each in config.rounds:
        for street in each.streets:
            if not any(postcode_starts_with(postcode, start) for start in street.postcodes):
                continue
            if _street_of(lines, street.name) and (best is None or len(street.name) > best[0]):
                best = (len(street.name), each)
    return best[1] if best else None
