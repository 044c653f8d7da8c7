"""A directory entry as plain data, between a file (ORUK JSON or CSV, or the demo file) and the
database: what `services.save_directory_entries` writes and the readers produce."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrganizationEntry:
    oruk_id: uuid.UUID
    name: str
    description: str = ""
    email: str = ""
    url: str = ""
    slug: str = ""


@dataclass(frozen=True)
class LocationEntry:
    oruk_id: uuid.UUID
    name: str
    description: str = ""
    address_1: str = ""
    city: str = "Oxford"
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class ContactEntry:
    oruk_id: uuid.UUID
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class TaxonomyEntry:
    oruk_id: uuid.UUID
    name: str
    vocabulary: str = "opencex-needs"
    slug: str = ""


@dataclass(frozen=True)
class ServiceEntry:
    oruk_id: uuid.UUID
    organization: OrganizationEntry
    name: str
    description: str
    url: str = ""
    email: str = ""
    status: str = "active"
    fees: str = ""
    eligibility: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    schedule_description: str = ""
    locations: tuple[LocationEntry, ...] = ()
    contacts: tuple[ContactEntry, ...] = ()
    taxonomy: tuple[TaxonomyEntry, ...] = field(default=())
    slug: str = ""


# Demo and hand-written entries get stable ids from their names, so loading twice updates.
_NAMESPACE = uuid.UUID("6f1c1f0e-4a56-4f0e-9d7a-0b9c2d1e5a10")


def stable_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")
