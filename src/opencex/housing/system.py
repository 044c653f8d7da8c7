"""The housing management system behind one small interface: its records for each kind, as the
rows `housing.importing` takes.

Two implementations: `HttpHousingSystem` asks the system's JSON API (a QL-style REST interface;
the fields are in docs/housing.md) with a bearer token, and `LocalHousingSystem`, the working
default, reads the same JSON documents from files in a folder (what the system exports, or a
test's fixture). Both map the JSON through the same functions, so a contract test against one
proves the other's mapping. `housing_system()` picks by the settings
`OPENCEX_HOUSING_SYSTEM_URL` (and `_TOKEN`) or `OPENCEX_HOUSING_SYSTEM_DIR`.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings

from opencex.housing.importing import Row

TIMEOUT_SECONDS = 30
# Where each kind is found: the API path and the document's list field.
ENDPOINTS = {
    "tenancies": ("tenancies", "tenancies"),
    "tenants": ("tenancies", "tenancies"),
    "rent": ("transactions", "transactions"),
    "repairs": ("repairs", "repairs"),
    "slots": ("appointment-slots", "slots"),
}
TENURES = {"SEC": "secure", "INT": "introductory", "LEASE": "leasehold"}
FREQUENCIES = {"W": "weekly", "2W": "fortnightly", "4W": "four_weekly", "M": "monthly"}
ROLES = {"T": "tenant", "JT": "joint_tenant", "L": "leaseholder", "HM": "household_member"}
TRANSACTION_TYPES = {"DR": "charge", "CR": "payment", "ADJ": "adjustment"}
PRIORITIES = {"E": "emergency", "U": "urgent", "R": "routine"}
STATUSES = {
    "OPEN": "reported",
    "APPT": "booked",
    "WIP": "in_progress",
    "DONE": "completed",
    "CANC": "cancelled",
}


class HousingSystemError(Exception):
    """The housing system could not be read: its address, or what it answered."""


class HousingSystem(Protocol):
    def rows(self, kind: str) -> list[tuple[int, Row]]:
        """The system's records of `kind`, each numbered by its place in the answer."""
        ...


class _JsonDocuments:
    def document(self, path: str) -> Mapping[str, Any]:
        raise NotImplementedError

    def rows(self, kind: str) -> list[tuple[int, Row]]:
        path, field = ENDPOINTS[kind]
        records = self.document(path).get(field)
        if not isinstance(records, list):
            raise HousingSystemError(f'The housing system\'s "{path}" has no "{field}" list.')
        return list(enumerate(MAPPERS[kind](records), start=1))


class HttpHousingSystem(_JsonDocuments):
    """The system's API: GET {base_url}/{path} with `Authorization: Bearer {token}`."""

    def __init__(self, base_url: str, token: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token

    def document(self, path: str) -> Mapping[str, Any]:
        request = urllib.request.Request(  # noqa: S310 - the council's configured https address
            f"{self.base_url}/{path}", headers={"Accept": "application/json"}
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                return json.loads(response.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            raise HousingSystemError(
                f"Could not read {path} from the housing system: {error}"
            ) from error


class LocalHousingSystem(_JsonDocuments):
    """The same JSON documents read from `{folder}/{path}.json`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def document(self, path: str) -> Mapping[str, Any]:
        file = self.folder / f"{path}.json"
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise HousingSystemError(f"Could not read {file}: {error}") from error


def housing_system() -> HousingSystem:
    url = getattr(settings, "OPENCEX_HOUSING_SYSTEM_URL", "")
    if url:
        return HttpHousingSystem(url, getattr(settings, "OPENCEX_HOUSING_SYSTEM_TOKEN", ""))
    return LocalHousingSystem(Path(settings.OPENCEX_HOUSING_SYSTEM_DIR))


# ---- the system's JSON → our rows ----------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _coded(codes: Mapping[str, str], value: Any) -> str:
    """A code we know, in our words; an unknown code passes through for the row check to name."""
    return codes.get(_text(value), _text(value))


def tenancy_rows(records: list[Mapping[str, Any]]) -> Iterator[Row]:
    for record in records:
        rent = record.get("rent") or {}
        yield {
            "tenancy_ref": _text(record.get("tenancyReference")),
            "uprn": _text(record.get("uprn")),
            "tenancy_type": _coded(TENURES, record.get("tenure")),
            "start_date": _text(record.get("startDate")),
            "end_date": _text(record.get("endDate")),
            "charge_amount": _text(rent.get("amount")),
            "charge_frequency": _coded(FREQUENCIES, rent.get("frequency")),
            "first_charge_date": _text(rent.get("firstChargeDate")),
            "opening_balance": _text(record.get("openingBalance")),
        }


def tenant_rows(records: list[Mapping[str, Any]]) -> Iterator[Row]:
    for record in records:
        for person in record.get("people") or []:
            yield {
                "tenancy_ref": _text(record.get("tenancyReference")),
                "person_ref": _text(person.get("personReference")),
                "role": _coded(ROLES, person.get("role")),
                "full_name": _text(person.get("name")),
                "date_of_birth": _text(person.get("dateOfBirth")),
                "email": _text(person.get("email")),
            }


def transaction_rows(records: list[Mapping[str, Any]]) -> Iterator[Row]:
    for record in records:
        yield {
            "transaction_ref": _text(record.get("transactionReference")),
            "tenancy_ref": _text(record.get("tenancyReference")),
            "posted_on": _text(record.get("postedDate")),
            "kind": _coded(TRANSACTION_TYPES, record.get("type")),
            "amount": _text(record.get("amount")),
            "description": _text(record.get("narrative")),
        }


def repair_rows(records: list[Mapping[str, Any]]) -> Iterator[Row]:
    for record in records:
        required = record.get("appointmentRequired")
        yield {
            "repair_ref": _text(record.get("repairReference")),
            "tenancy_ref": _text(record.get("tenancyReference")),
            "description": _text(record.get("description")),
            "priority": _coded(PRIORITIES, record.get("priority")),
            "status": _coded(STATUSES, record.get("status")),
            "reported_at": _text(record.get("reportedAt")),
            "completed_on": _text(record.get("completedDate")),
            "needs_appointment": "no" if required is False else "yes",
            "case_reference": _text(record.get("externalReference")),
        }


def slot_rows(records: list[Mapping[str, Any]]) -> Iterator[Row]:
    for record in records:
        yield {
            "slot_ref": _text(record.get("slotReference")),
            "starts_at": _text(record.get("start")),
            "ends_at": _text(record.get("end")),
            "contractor": _text(record.get("contractor")),
        }


MAPPERS: dict[str, Callable[[list[Mapping[str, Any]]], Iterator[Row]]] = {
    "tenancies": tenancy_rows,
    "tenants": tenant_rows,
    "rent": transaction_rows,
    "repairs": repair_rows,
    "slots": slot_rows,
}
