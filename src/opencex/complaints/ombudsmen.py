"""Which ombudsman a resident can go to about a complaint, and how to contact it.

The ombudsmen and the rule for choosing one live in `data/ombudsmen.toml`. In England a complaint
about the council as a landlord (a service marked `is_landlord_function` in the catalogue, for its
tenants and leaseholders) goes to the Housing Ombudsman; everything else to the Local Government
and Social Care Ombudsman (RULES.md, "Complaints"). A Welsh council sets
`OPENCEX_COMPLAINTS_JURISDICTION = "wales"` in its settings and every complaint goes to the Public
Services Ombudsman for Wales; another nation is another `[jurisdictions.*]` table in the file.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DATA_FILE = Path(__file__).resolve().parent / "data" / "ombudsmen.toml"
DEFAULT_JURISDICTION = "england"


@dataclass(frozen=True)
class Ombudsman:
    slug: str
    name: str
    covers: str
    phone: str
    email: str
    website: str
    address: tuple[str, ...]

    @property
    def contact_lines(self) -> tuple[str, ...]:
        """How to contact it, one line each, for letters, emails and pages."""
        lines = [f"Phone: {self.phone}", f"Website: {self.website}"]
        if self.email:
            lines.append(f"Email: {self.email}")
        lines.append(f"Post: {', '.join(self.address)}")
        return tuple(lines)


@functools.cache
def _data() -> dict:
    with DATA_FILE.open("rb") as file:
        return tomllib.load(file)


def ombudsman(slug: str) -> Ombudsman:
    entry = _data()["ombudsmen"][slug]
    return Ombudsman(slug=slug, **{**entry, "address": tuple(entry["address"])})


def jurisdiction() -> str:
    return getattr(settings, "OPENCEX_COMPLAINTS_JURISDICTION", DEFAULT_JURISDICTION)


def ombudsman_for(*, is_about_landlord_function: bool) -> Ombudsman:
    """The ombudsman for a complaint, given whether it is about the council as a landlord."""
    choice = _data()["jurisdictions"][jurisdiction()]
    landlord = is_about_landlord_function and settings.COUNCIL_PROFILE.is_landlord
    return ombudsman(choice["landlord" if landlord else "other"])
