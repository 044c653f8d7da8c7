"""Open Referral UK (ORUK) in and out: the directory as ORUK JSON (the shape of ORUK 1.0's
`/services/{id}` responses, in a `content` page) and as a flat CSV of services.

Readers turn a file into `entries.ServiceEntry` values for `services.save_directory_entries`;
writers read the models. ORUK's child tables we keep as one text (eligibility, schedule) export as
one row each; their ids are derived from the service's id, so an export is stable.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterable
from typing import IO, Any

from opencex.directory.entries import (
    ContactEntry,
    LocationEntry,
    OrganizationEntry,
    ServiceEntry,
    TaxonomyEntry,
)
from opencex.directory.models import Service

ORUK_VERSION = "1.0"


class OpenReferralError(ValueError):
    """The file is not Open Referral UK as this reader understands it; the message says where."""


def _child_id(parent: uuid.UUID, table: str) -> str:
    return str(uuid.uuid5(parent, table))


def _services() -> Iterable[Service]:
    return Service.objects.select_related("organization").prefetch_related(
        "locations", "contacts", "taxonomy_terms"
    )


def service_to_oruk(service: Service) -> dict[str, Any]:
    """One service as ORUK JSON, with its organisation, contacts, locations and taxonomy."""
    sid = service.oruk_id
    organization = service.organization
    return {
        "id": str(sid),
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees": service.fees,
        "accreditations": "",
        "deliverable_type": "",
        "attending_type": "venue" if service.locations.all() else "phone",
        "attending_access": "drop-in",
        "organization": {
            "id": str(organization.oruk_id),
            "name": organization.name,
            "description": organization.description,
            "email": organization.email,
            "url": organization.url,
            "logo": "",
            "uri": "",
        },
        "contacts": [
            {
                "id": str(contact.oruk_id),
                "name": contact.name,
                "title": contact.title,
                "email": contact.email,
                "phones": (
                    [
                        {
                            "id": _child_id(contact.oruk_id, "phone"),
                            "number": contact.phone,
                            "language": "English",
                        }
                    ]
                    if contact.phone
                    else []
                ),
            }
            for contact in service.contacts.all()
        ],
        "eligibilitys": (
            [
                {
                    "id": _child_id(sid, "eligibility"),
                    "eligibility": service.eligibility,
                    "minimum_age": service.minimum_age,
                    "maximum_age": service.maximum_age,
                }
            ]
            if service.eligibility
            or service.minimum_age is not None
            or service.maximum_age is not None
            else []
        ),
        "regular_schedules": (
            [{"id": _child_id(sid, "schedule"), "description": service.schedule_description}]
            if service.schedule_description
            else []
        ),
        "service_at_locations": [
            {
                "id": _child_id(sid, f"at:{location.oruk_id}"),
                "location": {
                    "id": str(location.oruk_id),
                    "name": location.name,
                    "description": location.description,
                    "latitude": location.latitude,
                    "longitude": location.longitude,
                    "physical_addresses": [
                        {
                            "id": _child_id(location.oruk_id, "address"),
                            "address_1": location.address_1,
                            "city": location.city,
                            "state_province": "",
                            "postal_code": location.postal_code,
                            "country": "GB",
                        }
                    ],
                },
            }
            for location in service.locations.all()
        ],
        "service_taxonomys": [
            {
                "id": _child_id(sid, f"taxonomy:{term.oruk_id}"),
                "taxonomy": {
                    "id": str(term.oruk_id),
                    "name": term.name,
                    "vocabulary": term.vocabulary,
                    "parent": None,
                },
            }
            for term in service.taxonomy_terms.all()
        ],
    }


def export_json() -> dict[str, Any]:
    """Every service, as one page of ORUK's paged `/services` response."""
    content = [service_to_oruk(service) for service in _services()]
    return {
        "totalElements": len(content),
        "totalPages": 1,
        "number": 1,
        "size": len(content),
        "first": True,
        "last": True,
        "content": content,
    }


def _uuid(value: Any, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError) as error:
        raise OpenReferralError(f"{where}: 'id' must be a UUID, not {value!r}") from error


def _text(data: dict, key: str) -> str:
    return str(data.get(key) or "")


def _age(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _coordinate(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def service_from_oruk(data: dict[str, Any], *, where: str = "service") -> ServiceEntry:
    """One ORUK service (as `service_to_oruk` writes it, or another publisher's) as an entry."""
    for key in ("id", "name", "organization"):
        if not data.get(key):
            raise OpenReferralError(f"{where}: '{key}' is missing")
    org = data["organization"]
    if not org.get("id") or not org.get("name"):
        raise OpenReferralError(f"{where}: the organization needs an 'id' and a 'name'")
    eligibility = (data.get("eligibilitys") or [{}])[0]
    schedules = [_text(s, "description") for s in data.get("regular_schedules") or []]
    locations = []
    for at in data.get("service_at_locations") or []:
        place = at.get("location") or {}
        address = (place.get("physical_addresses") or [{}])[0]
        locations.append(
            LocationEntry(
                oruk_id=_uuid(place.get("id"), f"{where} location"),
                name=_text(place, "name") or _text(address, "address_1"),
                description=_text(place, "description"),
                address_1=_text(address, "address_1"),
                city=_text(address, "city"),
                postal_code=_text(address, "postal_code"),
                latitude=_coordinate(place.get("latitude")),
                longitude=_coordinate(place.get("longitude")),
            )
        )
    return ServiceEntry(
        oruk_id=_uuid(data["id"], where),
        organization=OrganizationEntry(
            oruk_id=_uuid(org["id"], f"{where} organization"),
            name=_text(org, "name"),
            description=_text(org, "description"),
            email=_text(org, "email"),
            url=_text(org, "url"),
        ),
        name=_text(data, "name"),
        description=_text(data, "description"),
        url=_text(data, "url"),
        email=_text(data, "email"),
        status=_text(data, "status") or "active",
        fees=_text(data, "fees"),
        eligibility=_text(eligibility, "eligibility"),
        minimum_age=_age(eligibility.get("minimum_age")),
        maximum_age=_age(eligibility.get("maximum_age")),
        schedule_description="\n".join(text for text in schedules if text),
        locations=tuple(locations),
        contacts=tuple(
            ContactEntry(
                oruk_id=_uuid(contact.get("id"), f"{where} contact"),
                name=_text(contact, "name"),
                title=_text(contact, "title"),
                email=_text(contact, "email"),
                phone=_text((contact.get("phones") or [{}])[0], "number"),
            )
            for contact in data.get("contacts") or []
        ),
        taxonomy=tuple(
            TaxonomyEntry(
                oruk_id=_uuid(link["taxonomy"].get("id"), f"{where} taxonomy"),
                name=_text(link["taxonomy"], "name"),
                vocabulary=_text(link["taxonomy"], "vocabulary") or "opencex-needs",
            )
            for link in data.get("service_taxonomys") or []
            if link.get("taxonomy")
        ),
    )


def entries_from_json(data: Any) -> list[ServiceEntry]:
    """A paged ORUK response (`content`), a list of services, or one service."""
    if isinstance(data, dict) and "content" in data:
        data = data["content"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise OpenReferralError("Expected ORUK services: a list, or an object with 'content'")
    return [service_from_oruk(item, where=f"service {n}") for n, item in enumerate(data, 1)]


# The CSV: one row per service and location (a service with no location has one row, its
# location columns blank). Only the first contact is kept; needs are "; "-separated.
CSV_COLUMNS = [
    "id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "schedule_description",
    "organization_id",
    "organization_name",
    "organization_description",
    "organization_email",
    "organization_url",
    "contact_id",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "location_id",
    "location_name",
    "location_description",
    "address_1",
    "city",
    "postal_code",
    "latitude",
    "longitude",
    "taxonomy_ids",
    "taxonomy_names",
]


def export_csv(stream: IO[str]) -> int:
    """Write the services as CSV; returns the number of services."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for service in _services():
        count += 1
        organization = service.organization
        contact = next(iter(service.contacts.all()), None)
        terms = list(service.taxonomy_terms.all())
        row = {
            "id": service.oruk_id,
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees,
            "eligibility": service.eligibility,
            "minimum_age": "" if service.minimum_age is None else service.minimum_age,
            "maximum_age": "" if service.maximum_age is None else service.maximum_age,
            "schedule_description": service.schedule_description,
            "organization_id": organization.oruk_id,
            "organization_name": organization.name,
            "organization_description": organization.description,
            "organization_email": organization.email,
            "organization_url": organization.url,
            "contact_id": contact.oruk_id if contact else "",
            "contact_name": contact.name if contact else "",
            "contact_title": contact.title if contact else "",
            "contact_email": contact.email if contact else "",
            "contact_phone": contact.phone if contact else "",
            "taxonomy_ids": "; ".join(str(term.oruk_id) for term in terms),
            "taxonomy_names": "; ".join(term.name for term in terms),
        }
        locations = list(service.locations.all()) or [None]
        for location in locations:
            writer.writerow(
                row
                | {
                    "location_id": location.oruk_id if location else "",
                    "location_name": location.name if location else "",
                    "location_description": location.description if location else "",
                    "address_1": location.address_1 if location else "",
                    "city": location.city if location else "",
                    "postal_code": location.postal_code if location else "",
                    "latitude": ""
                    if not location or location.latitude is None
                    else location.latitude,
                    "longitude": ""
                    if not location or location.longitude is None
                    else location.longitude,
                }
            )
    return count


def _oruk_from_csv_rows(rows: list[dict[str, str]]) -> dict[str, Any]:
    first = rows[0]
    ids = [part.strip() for part in first.get("taxonomy_ids", "").split(";") if part.strip()]
    names = [part.strip() for part in first.get("taxonomy_names", "").split(";") if part.strip()]
    if len(ids) != len(names):
        raise OpenReferralError(f"service {first['id']}: taxonomy_ids and taxonomy_names differ")
    return {
        "id": first["id"],
        "name": first["name"],
        "description": first["description"],
        "url": first["url"],
        "email": first["email"],
        "status": first["status"],
        "fees": first["fees"],
        "organization": {
            "id": first["organization_id"],
            "name": first["organization_name"],
            "description": first["organization_description"],
            "email": first["organization_email"],
            "url": first["organization_url"],
        },
        "contacts": (
            [
                {
                    "id": first["contact_id"],
                    "name": first["contact_name"],
                    "title": first["contact_title"],
                    "email": first["contact_email"],
                    "phones": [{"number": first["contact_phone"]}],
                }
            ]
            if first.get("contact_id")
            else []
        ),
        "eligibilitys": [
            {
                "eligibility": first["eligibility"],
                "minimum_age": first["minimum_age"],
                "maximum_age": first["maximum_age"],
            }
        ],
        "regular_schedules": [{"description": first["schedule_description"]}],
        "service_at_locations": [
            {
                "location": {
                    "id": row["location_id"],
                    "name": row["location_name"],
                    "description": row["location_description"],
                    "latitude": row["latitude"],
                    "longitude": row["longitude"],
                    "physical_addresses": [
                        {
                            "address_1": row["address_1"],
                            "city": row["city"],
                            "postal_code": row["postal_code"],
                        }
                    ],
                }
            }
            for row in rows
            if row.get("location_id")
        ],
        "service_taxonomys": [
            {"taxonomy": {"id": term_id, "name": name}}
            for term_id, name in zip(ids, names, strict=True)
        ],
    }


def entries_from_csv(stream: IO[str]) -> list[ServiceEntry]:
    reader = csv.DictReader(stream)
    missing = set(CSV_COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise OpenReferralError(f"The CSV has no column {sorted(missing)[0]!r}")
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in reader:
        grouped.setdefault(row["id"], []).append(row)
    return [
        service_from_oruk(_oruk_from_csv_rows(rows), where=f"service {n}")
        for n, rows in enumerate(grouped.values(), 1)
    ]
