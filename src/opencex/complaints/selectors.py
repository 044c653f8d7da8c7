"""Reads about complaints: which service a complaint is about and so which ombudsman applies,
the cases where a resident sounds unhappy, and the lessons learned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from opencex.cases import policies
from opencex.cases.links import is_same_person
from opencex.cases.models import Case, CaseEvent, CaseKind, EventKind
from opencex.cases.references import normalise_reference
from opencex.catalogue.models import Service
from opencex.complaints.models import Complaint, StageResponse
from opencex.complaints.ombudsmen import Ombudsman, ombudsman_for
from opencex.complaints.triage import Cue, dissatisfaction_cues

# Kinds where an unhappy resident is offered the complaints process.
TRIAGED_KINDS = frozenset({CaseKind.SERVICE_REQUEST, CaseKind.ENQUIRY})
TRIAGE_WINDOW = timedelta(days=90)
TRIAGE_LIMIT = 200


def answer_to(case: Case, question: str) -> str:
    """The resident's answer to `question`: from a form (which keeps
    {"answers": [{"question", "answer"}]}, the answer as shown, in English) or given directly."""
    answers = case.answers or {}
    for row in answers.get("answers") or []:
        if isinstance(row, dict) and row.get("question") == question:
            return str(row.get("answer") or "")
    value = answers.get(question)
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def complaint_of(case: Case) -> Complaint | None:
    return (
        Complaint.objects.select_related("about_service", "raised_from").filter(case=case).first()
    )


def about_service_for(case: Case) -> Service | None:
    """The service a complaint is about, as best we know: what an officer recorded, else the
    service of the request it was raised from or whose reference the resident gave (theirs only),
    else the case's own service unless that is just the "make a complaint" service."""
    complaint = complaint_of(case)
    if complaint is not None and complaint.about_service is not None:
        return complaint.about_service
    if complaint is not None and complaint.raised_from is not None:
        return complaint.raised_from.service
    given = normalise_reference(answer_to(case, "reference"))
    if given and given != case.reference:
        earlier = Case.objects.select_related("service").filter(reference=given).first()
        if earlier is not None and earlier.service is not None and is_same_person(case, earlier):
            return earlier.service
    if case.service is not None and case.service.case_kind != CaseKind.COMPLAINT:
        return case.service
    return None


def ombudsman_for_case(case: Case, about_service: Service | None = None) -> Ombudsman:
    """The ombudsman the resident can go to: by the service complained about when we know it,
    else by their answer to "Is this about a home you rent or lease from the council?"."""
    service = about_service or about_service_for(case)
    if service is not None:
        return ombudsman_for(is_about_landlord_function=service.is_landlord_function)
    council_home = answer_to(case, "council_home").strip().lower() == "yes"
    return ombudsman_for(is_about_landlord_function=council_home)


def stage_responses(case: Case) -> QuerySet[StageResponse]:
    return StageResponse.objects.filter(complaint__case=case).select_related(
        "responded_by", "lesson_service", "lesson_service_area"
    )


@dataclass(frozen=True)
class PossibleComplaint:
    """A case where the resident sounds unhappy: what they wrote, when, and why it matched."""

    case: Case
    words: str
    at: datetime
    cues: tuple[Cue, ...]


def possible_complaint(case: Case, messages=None) -> PossibleComplaint | None:
    """The latest thing the resident wrote on `case` that sounds unhappy, if any. `messages` are
    the case's messages from the resident, when the caller already has them."""
    if case.kind not in TRIAGED_KINDS:
        return None
    if messages is None:
        messages = case.events.filter(kind=EventKind.MESSAGE_IN).order_by("at", "id")
    said = [(case.received_at, case.description)] + [(m.at, m.body) for m in messages]
    for at, words in reversed(said):
        cues = dissatisfaction_cues(words)
        if cues:
            return PossibleComplaint(case=case, words=words, at=at, cues=cues)
    return None


def possible_complaints(actor, *, now: datetime | None = None) -> list[PossibleComplaint]:
    """Open requests and enquiries `actor` may see, from the last 90 days, where the resident
    sounds unhappy and no complaint has been opened from them yet; the most recent first."""
    since = (now or timezone.now()) - TRIAGE_WINDOW
    already = Complaint.objects.filter(raised_from=OuterRef("pk"))
    cases = (
        policies.visible_cases(actor)
        .open()
        .filter(kind__in=TRIAGED_KINDS, received_at__gte=since)
        .exclude(Exists(already))
        .select_related("service", "team")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(kind=EventKind.MESSAGE_IN).order_by("at", "id"),
                to_attr="resident_messages",
            )
        )
        .order_by("-received_at")[:TRIAGE_LIMIT]
    )
    found = [possible_complaint(case, case.resident_messages) for case in cases]
    return sorted((p for p in found if p is not None), key=lambda p: p.at, reverse=True)


def lessons_learned(*, service_area=None) -> QuerySet[StageResponse]:
    """Responses that recorded a lesson, newest first; optionally for one service area."""
    lessons = (
        StageResponse.objects.exclude(lesson_learned="")
        .select_related("complaint__case", "lesson_service", "lesson_service_area")
        .order_by("-responded_on", "-id")
    )
    if service_area is not None:
        lessons = lessons.filter(lesson_service_area=service_area)
    return lessons
