"""What the staff single views read: everything about a resident, or everything at a property,
as lists of bounded length that a "show all" lifts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from opencex.cases.models import CaseEvent, EventKind
from opencex.cases.policies import visible_cases
from opencex.contacts.models import Contact
from opencex.notify.models import Notification
from opencex.people.models import Occupancy, Property, Resident

# Enough to answer a caller; the rest are a "show all" away.
SECTION_SIZE = 20
# "Show all" still stops somewhere, so one page can never load a whole table.
SHOW_ALL_SIZE = 500
SECTIONS = ("cases", "contacts", "messages", "notifications")
MESSAGE_KINDS = (EventKind.MESSAGE_IN, EventKind.MESSAGE_OUT)


@dataclass(frozen=True)
class Listing:
    """The newest rows of one section of a page, and how many there are in all."""

    items: list[Any]
    total: int

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def is_cut(self) -> bool:
        return self.total > len(self.items)


def _listing(rows: QuerySet, *, show_all: bool) -> Listing:
    limit = SHOW_ALL_SIZE if show_all else SECTION_SIZE
    items = list(rows[:limit])
    # Counting is only needed when the list was cut short.
    total = rows.count() if len(items) == limit else len(items)
    return Listing(items=items, total=total)


@dataclass(frozen=True)
class ResidentRecord:
    occupancies: list[Occupancy]
    household: list[Occupancy]
    cases: Listing
    contacts: Listing
    messages: Listing
    notifications: Listing


def resident_record(*, actor, resident: Resident, show: str = "") -> ResidentRecord:
    """Everything about `resident` that `actor` may see, except special-category data (read
    only through people.services, which records the read). `show` names a section to list in
    full."""
    cases = visible_cases(actor).filter(resident=resident)
    occupancies = list(
        resident.occupancies.select_related("property").order_by("ended_on", "-started_on")
    )
    current = [occupancy.property_id for occupancy in occupancies if occupancy.ended_on is None]
    household = (
        Occupancy.objects.filter(property_id__in=current, ended_on__isnull=True)
        .exclude(resident=resident)
        .select_related("resident", "property")
        .order_by("resident__full_name")
    )
    messages = (
        CaseEvent.objects.filter(case__in=cases.values("pk"), kind__in=MESSAGE_KINDS)
        .select_related("case", "actor")
        .order_by("-at", "-id")
    )
    # A message about a case goes with the case: only those the actor can see.
    notifications = (
        Notification.objects.filter(
            Q(case__in=cases.values("pk")) | Q(resident=resident, case__isnull=True)
        )
        .select_related("case")
        .order_by("-created_at", "-id")
    )
    return ResidentRecord(
        occupancies=occupancies,
        household=list(household),
        cases=_listing(
            cases.select_related("service", "team").order_by("-received_at"),
            show_all=show == "cases",
        ),
        contacts=_listing(_contacts().filter(resident=resident), show_all=show == "contacts"),
        messages=_listing(messages, show_all=show == "messages"),
        notifications=_listing(notifications, show_all=show == "notifications"),
    )


@dataclass(frozen=True)
class PropertyRecord:
    occupancies: list[Occupancy]
    cases: Listing
    contacts: Listing


def property_record(*, actor, place: Property, show: str = "") -> PropertyRecord:
    """Who lives or lived at `place`, and every case (that `actor` may see) and contact there,
    newest first."""
    occupancies = place.occupancies.select_related("resident").order_by(
        "ended_on", "-started_on", "resident__full_name"
    )
    cases = (
        visible_cases(actor)
        .filter(property=place)
        .select_related("service", "resident")
        .order_by("-received_at")
    )
    return PropertyRecord(
        occupancies=list(occupancies),
        cases=_listing(cases, show_all=show == "cases"),
        contacts=_listing(
            _contacts().filter(property=place).select_related("resident"),
            show_all=show == "contacts",
        ),
    )


def _contacts() -> QuerySet[Contact]:
    return Contact.objects.select_related(
        "officer", "service", "case", "signposted_service"
    ).order_by("-at", "-id")
