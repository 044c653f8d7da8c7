"""Writes to the community directory: saving entries from a file (ORUK import, the demo file).

Staff edit single entries in the Django admin (`admin.py`); everything loaded in bulk comes
through `save_directory_entries`, in one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from opencex.council.profile import CouncilProfile, Place
from opencex.directory.entries import (
    ContactEntry,
    LocationEntry,
    OrganizationEntry,
    ServiceEntry,
    TaxonomyEntry,
    stable_id,
)
from opencex.directory.models import Contact, Location, Organization, Service, TaxonomyTerm
from opencex.directory.postcodes import UnknownPostcode, locate_postcode, normalise_postcode

DEMO_FILE = Path(__file__).parent / "data" / "oxford.json"


@dataclass(frozen=True)
class SaveReport:
    created: int
    updated: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def _demo_flag(is_demo: bool) -> dict[str, bool]:
    # Files carry no demo flag, so an import leaves it as it was; only the demo load sets it.
    return {"is_demo": True} if is_demo else {}


def _unique_slug(model, wanted: str, *, oruk_id) -> str:
    existing = model.objects.filter(oruk_id=oruk_id).values_list("slug", flat=True).first()
    if existing:
        return existing
    base = slugify(wanted)[:45] or "entry"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exclude(oruk_id=oruk_id).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save_organization(entry: OrganizationEntry, *, is_demo: bool) -> Organization:
    slug = entry.slug or _unique_slug(Organization, entry.name, oruk_id=entry.oruk_id)
    organization, _ = Organization.objects.update_or_create(
        oruk_id=entry.oruk_id,
        defaults={
            "slug": slug,
            "name": entry.name,
            "description": entry.description,
            "email": entry.email,
            "url": entry.url,
        }
        | _demo_flag(is_demo),
    )
    return organization


def _save_location(entry: LocationEntry) -> Location:
    latitude, longitude = entry.latitude, entry.longitude
    if (latitude is None or longitude is None) and entry.postal_code:
        # A location without coordinates still sorts by distance, from its postcode's sector.
        try:
            point = locate_postcode(entry.postal_code)
            latitude, longitude = point.latitude, point.longitude
        except UnknownPostcode:
            latitude = longitude = None
    location, _ = Location.objects.update_or_create(
        oruk_id=entry.oruk_id,
        defaults={
            "name": entry.name,
            "description": entry.description,
            "address_1": entry.address_1,
            "city": entry.city,
            "postal_code": normalise_postcode(entry.postal_code),
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    return location


def _save_term(entry: TaxonomyEntry) -> TaxonomyTerm:
    slug = entry.slug or _unique_slug(TaxonomyTerm, entry.name, oruk_id=entry.oruk_id)
    term, _ = TaxonomyTerm.objects.update_or_create(
        oruk_id=entry.oruk_id,
        defaults={"slug": slug, "name": entry.name, "vocabulary": entry.vocabulary},
    )
    return term


def _save_service(entry: ServiceEntry, *, is_demo: bool) -> bool:
    organization = _save_organization(entry.organization, is_demo=is_demo)
    slug = entry.slug or _unique_slug(Service, entry.name, oruk_id=entry.oruk_id)
    service, created = Service.objects.update_or_create(
        oruk_id=entry.oruk_id,
        defaults={
            "slug": slug,
            "organization": organization,
            "name": entry.name,
            "description": entry.description,
            "url": entry.url,
            "email": entry.email,
            "status": entry.status,
            "fees": entry.fees,
            "eligibility": entry.eligibility,
            "minimum_age": entry.minimum_age,
            "maximum_age": entry.maximum_age,
            "schedule_description": entry.schedule_description,
        }
        | _demo_flag(is_demo),
    )
    service.locations.set([_save_location(location) for location in entry.locations])
    service.taxonomy_terms.set([_save_term(term) for term in entry.taxonomy])
    # Contacts belong to one service, so the file's list replaces what was there.
    service.contacts.exclude(oruk_id__in=[c.oruk_id for c in entry.contacts]).delete()
    for contact in entry.contacts:
        Contact.objects.update_or_create(
            oruk_id=contact.oruk_id,
            defaults={
                "service": service,
                "name": contact.name,
                "title": contact.title,
                "email": contact.email,
                "phone": contact.phone,
            },
        )
    return created


def save_directory_entries(entries: list[ServiceEntry], *, is_demo: bool = False) -> SaveReport:
    """Create or update each entry (matched by its ORUK id) with its organisation, locations,
    contacts and needs. All or nothing."""
    created = updated = 0
    with transaction.atomic():
        for entry in entries:
            if _save_service(entry, is_demo=is_demo):
                created += 1
            else:
                updated += 1
    return SaveReport(created=created, updated=updated)


class DemoDirectoryError(ValueError):
    """The demo directory file contradicts the council profile or invents a real contact."""


def _council_place(item: dict, profile: CouncilProfile) -> Place:
    place = next((p for p in profile.places if p.slug == item["council_place"]), None)
    if place is None:
        raise DemoDirectoryError(
            f"{item['slug']}: council_place '{item['council_place']}' is not a place in the "
            f"council profile"
        )
    return place


def _location(item: dict, place: Place | None) -> tuple[LocationEntry, ...]:
    if place is not None:
        # The council's own place: its name, address and postcode are the profile's.
        street = place.address.split(", ")
        return (
            LocationEntry(
                oruk_id=stable_id("location", place.slug),
                name=street[0],
                address_1=", ".join(street[1:-1]) or street[0],
                postal_code=place.postcode,
                latitude=item.get("latitude"),
                longitude=item.get("longitude"),
            ),
        )
    return tuple(
        LocationEntry(
            oruk_id=stable_id("location", where["name"]),
            name=where["name"],
            address_1=where.get("address_1", ""),
            postal_code=where.get("postal_code", ""),
            latitude=where.get("latitude"),
            longitude=where.get("longitude"),
        )
        for where in item.get("locations", [])
    )


def demo_entries(
    path: Path = DEMO_FILE, *, profile: CouncilProfile | None = None
) -> list[ServiceEntry]:
    """The entries in the demo directory file, with ids that stay the same on every load.

    A service held at one of the council's places (`council_place`) takes its place and hours
    from the council profile, so the two cannot disagree. A real organisation carries no phone
    number or email here: the demo's would be invented, and a resident might use them.
    """
    profile = profile or settings.COUNCIL_PROFILE
    data = json.loads(path.read_text(encoding="utf-8"))
    needs = {
        need["slug"]: TaxonomyEntry(
            oruk_id=stable_id("taxonomy", need["slug"]), name=need["name"], slug=need["slug"]
        )
        for need in data["needs"]
    }
    entries = []
    for block in data["entries"]:
        org = block["organization"]
        if org.get("real") and (
            org.get("email") or any(i.get("phone") or i.get("email") for i in block["services"])
        ):
            raise DemoDirectoryError(
                f"{org['slug']}: a real organisation must not carry a made-up phone number or "
                f"email in the demo file; give its public website instead"
            )
        organization = OrganizationEntry(
            oruk_id=stable_id("organization", org["slug"]),
            slug=org["slug"],
            name=org["name"],
            description=org.get("description", ""),
            email=org.get("email", ""),
            url=org.get("url", ""),
        )
        for item in block["services"]:
            place = _council_place(item, profile) if item.get("council_place") else None
            locations = _location(item, place)
            contacts = (
                (ContactEntry(oruk_id=stable_id("contact", item["slug"]), phone=item["phone"]),)
                if item.get("phone")
                else ()
            )
            entries.append(
                ServiceEntry(
                    oruk_id=stable_id("service", item["slug"]),
                    slug=item["slug"],
                    organization=organization,
                    name=item["name"],
                    description=item["description"],
                    url=item.get("url", org.get("url", "")),
                    email=item.get("email", org.get("email", "")),
                    fees=item.get("fees", ""),
                    eligibility=item.get("eligibility", ""),
                    minimum_age=item.get("minimum_age"),
                    maximum_age=item.get("maximum_age"),
                    schedule_description=(
                        place.hours_in_words() if place else item.get("schedule", "")
                    ),
                    locations=locations,
                    contacts=contacts,
                    taxonomy=tuple(needs[slug] for slug in item.get("needs", [])),
                )
            )
    return entries


def load_demo_directory() -> SaveReport:
    """Load (or refresh) the demo entries; running it again changes nothing new."""
    return save_directory_entries(demo_entries(), is_demo=True)
