"""Reports on logged contacts: demand by channel and first-contact resolution over a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from opencex.contacts.models import RESOLVED_OUTCOMES, Contact


@dataclass(frozen=True)
class FirstContactResolution:
    contacts: int
    resolved: int

    @property
    def rate(self) -> float | None:
        """The share resolved there and then, or None when there were no contacts."""
        return self.resolved / self.contacts if self.contacts else None


def _in_period(start: datetime, end: datetime):
    """Contacts from `start` (inclusive) to `end` (exclusive)."""
    return Contact.objects.filter(at__gte=start, at__lt=end)


def demand_by_channel(*, start: datetime, end: datetime) -> dict[str, int]:
    """How many contacts came in on each channel in the period, busiest first."""
    rows = (
        _in_period(start, end)
        .values("channel")
        .annotate(contacts=Count("id"))
        .order_by("-contacts", "channel")
    )
    return {row["channel"]: row["contacts"] for row in rows}


def first_contact_resolution(
    *, start: datetime, end: datetime, channel: str | None = None
) -> FirstContactResolution:
    contacts = _in_period(start, end)
    if channel:
        contacts = contacts.filter(channel=channel)
    totals = contacts.aggregate(
        contacts=Count("id"), resolved=Count("id", filter=Q(outcome__in=RESOLVED_OUTCOMES))
    )
    return FirstContactResolution(contacts=totals["contacts"], resolved=totals["resolved"])
