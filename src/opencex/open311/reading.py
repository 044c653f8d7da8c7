"""GET requests and GET servicerequestupdates: cases as GeoReport service requests.

What is read: service requests on the services GeoReport offers (`offered.py`), from any channel.
What anybody sees is what the specification lists, none of it personal: the reference, the
status (open or closed from the case's lifecycle) and its label, the service, the team
responsible, the service's standard, and the dates: requested (received), updated, and expected
(the case's due date, by `cases.clock.case_deadline`, the one date rule). The description,
address, map point and photo are shown only to the partner whose api_key sent the request: a
resident's words and where they live are not published through the feed. Status notes and an
update's description are the lifecycle's own words ("In progress → Resolved"), never an
officer's free text, since report-it services publish updates on their sites.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from opencex.cases.clock import case_deadline
from opencex.cases.models import OPEN_STATUSES, Case, CaseEvent, CaseKind, EventKind, Status
from opencex.open311.formats import GeoReportError
from opencex.open311.models import GeoReportRequest

DEFAULT_SPAN = timedelta(days=90)  # the specification's default range and longest span
RESULT_LIMIT = 1000
# GET servicerequestupdates (FixMyStreet's extension): a case status → the update's status, in
# the words FixMyStreet reads (`Open311::map_state`: "fixed" is fixed by the council).
UPDATE_STATUS = {
    Status.RECEIVED: "open",
    Status.ACKNOWLEDGED: "open",
    Status.IN_PROGRESS: "in_progress",
    Status.AWAITING_RESIDENT: "in_progress",
    Status.RESPONDED: "fixed",
    Status.RESOLVED: "fixed",
    Status.CLOSED: "closed",
    Status.WITHDRAWN: "closed",
}
_UPDATE_EVENTS = (EventKind.STATUS_CHANGED, EventKind.ACKNOWLEDGED)


def georeport_status(status: str) -> str:
    """open: reported and not yet resolved; closed: resolved, closed or withdrawn."""
    return "open" if status in OPEN_STATUSES else "closed"


def service_requests(service_codes: Iterable[str]) -> QuerySet[Case]:
    """The cases GeoReport reads: service requests on the offered services."""
    return (
        Case.objects.filter(kind=CaseKind.SERVICE_REQUEST, service__slug__in=list(service_codes))
        .select_related("service", "team", "property", "georeport_request")
        .prefetch_related("pauses")
    )


def parse_moment(name: str, text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "+"))
    except ValueError:
        raise GeoReportError(
            400, f"{name}: use the W3C format, like 2026-01-01T00:00:00Z"
        ) from None
    if not 1970 <= moment.year <= 9000:
        # Far enough from the ends of the calendar for the 90-day default span to fit.
        raise GeoReportError(400, f"{name}: give a date between 1970 and 9000")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def date_range(start_text: str, end_text: str) -> tuple[datetime, datetime]:
    """The range asked for, at most 90 days; by default the most recent 90 days."""
    now = timezone.now()
    if start_text and end_text:
        start, end = parse_moment("start_date", start_text), parse_moment("end_date", end_text)
    elif start_text:
        start = parse_moment("start_date", start_text)
        end = min(start + DEFAULT_SPAN, now)
    elif end_text:
        end = parse_moment("end_date", end_text)
        start = end - DEFAULT_SPAN
    else:
        return now - DEFAULT_SPAN, now
    if end < start:
        raise GeoReportError(400, "end_date: must not be before start_date")
    if end - start > DEFAULT_SPAN:
        raise GeoReportError(400, "start_date and end_date: may not span more than 90 days")
    return start, end


def find_requests(
    cases: QuerySet[Case],
    *,
    ids: list[str],
    service_codes: list[str],
    start_text: str,
    end_text: str,
    statuses: list[str],
) -> list[Case]:
    """GET requests' filters. `ids` overrides every other filter (the specification). A range
    matches a request that was made or updated within it, so a client polling the latest window
    sees new requests and status changes alike."""
    if ids:
        return list(cases.filter(reference__in=ids[:RESULT_LIMIT]))
    for status in statuses:
        if status not in {"open", "closed"}:
            raise GeoReportError(400, f"status: '{status}' is not open or closed")
    start, end = date_range(start_text, end_text)
    cases = cases.filter(Q(received_at__range=(start, end)) | Q(updated_at__range=(start, end)))
    if service_codes:
        cases = cases.filter(service__slug__in=service_codes)
    if set(statuses) == {"open"}:
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif set(statuses) == {"closed"}:
        cases = cases.exclude(status__in=OPEN_STATUSES)
    return list(cases.order_by("-received_at")[:RESULT_LIMIT])


def _sent_by(case: Case, partner) -> GeoReportRequest | None:
    sent = getattr(case, "georeport_request", None)
    if sent is None or partner is None or sent.partner_id != partner.pk:
        return None
    return sent


def _expected(case: Case) -> datetime | None:
    deadline = case_deadline(case)
    if deadline.due_at is not None:
        return deadline.due_at
    if deadline.due is None:
        return None  # the clock is stopped: no date is promised
    # A due date is kept by the end of that day, in the council's time.
    return timezone.make_aware(datetime.combine(deadline.due, time(23, 59, 59)))


_PERSONAL = ("description", "address", "address_id", "zipcode", "lat", "long", "media_url")


def _as_sent(case: Case, sent: GeoReportRequest) -> dict[str, Any]:
    """What the sender gave, shown back to it alone: the words, the address, the point, photo."""
    home = case.property
    address = sent.address_string
    if not address and home is not None:
        address = ", ".join(
            part for part in (home.address_line_1, home.town, home.postcode) if part
        )
    return {
        "description": case.description,
        "address": address or None,
        "address_id": sent.address_id or None,
        "zipcode": home.postcode if home is not None else None,
        "lat": sent.lat,
        "long": sent.long,
        "media_url": sent.media_url or None,
    }


def request_entry(case: Case, *, partner=None) -> dict[str, Any]:
    """One request in the specification's shape; the personal fields only for its sender."""
    service = case.service
    sent = _sent_by(case, partner)
    personal = _as_sent(case, sent) if sent is not None else dict.fromkeys(_PERSONAL)
    return {
        "service_request_id": case.reference,
        "status": georeport_status(case.status),
        "status_notes": Status(case.status).label,
        "service_name": service.title if service else None,
        "service_code": service.slug if service else None,
        "description": personal["description"],
        "agency_responsible": case.team.name if case.team is not None else None,
        "service_notice": (service.standard_text or None) if service else None,
        "requested_datetime": case.received_at,
        "updated_datetime": case.updated_at,
        "expected_datetime": _expected(case),
        **{field: personal[field] for field in _PERSONAL if field != "description"},
    }


def request_updates(
    cases: QuerySet[Case], *, start_text: str, end_text: str
) -> list[dict[str, Any]]:
    """FixMyStreet's GET servicerequestupdates: each change of status, oldest first."""
    start, end = date_range(start_text, end_text)
    events = (
        CaseEvent.objects.filter(
            case__in=cases.order_by().values("pk"),
            kind__in=_UPDATE_EVENTS,
            at__range=(start, end),
        )
        .select_related("case")
        .order_by("at", "pk")[:RESULT_LIMIT]
    )
    updates = []
    for event in events:
        status = Status.ACKNOWLEDGED if event.kind == EventKind.ACKNOWLEDGED else event.data["to"]
        updates.append(
            {
                "update_id": event.pk,
                "service_request_id": event.case.reference,
                "status": UPDATE_STATUS[Status(status)],
                "updated_datetime": event.at,
                "description": event.summary,
                "media_url": None,
            }
        )
    return updates
