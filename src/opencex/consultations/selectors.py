"""Reads for the horizon scan: consultations planned or open in a period, narrowed by audience,
ward and service area, each with whether it has clashes not yet acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from opencex.consultations.models import Audience, Consultation, Status

SCANNED = (Status.PLANNED, Status.CHECKED, Status.OPEN)


@dataclass(frozen=True)
class Scan:
    start: date
    end: date
    audience: str = ""
    ward: str = ""
    service_area: str = ""  # slug
    include_finished: bool = False


def horizon(scan: Scan) -> list[Consultation]:
    """Consultations running at any time in the period. A ward filter keeps city-wide ones too
    (they ask that ward as well); an audience filter keeps those asking everyone."""
    found = Consultation.objects.filter(starts_on__lte=scan.end, ends_on__gte=scan.start)
    if not scan.include_finished:
        found = found.filter(status__in=SCANNED)
    if scan.audience:
        found = found.filter(audience__in=[scan.audience, Audience.EVERYONE])
    if scan.service_area:
        found = found.filter(service_area__slug=scan.service_area)
    found = found.select_related("service_area", "team", "panel").annotate(
        waiting=Count("findings", filter=Q(findings__acknowledged_at__isnull=True))
    )
    rows: list[Consultation] = list(found.order_by("starts_on", "pk"))
    if scan.ward:
        rows = [row for row in rows if not row.wards or scan.ward in row.wards]
    return rows
