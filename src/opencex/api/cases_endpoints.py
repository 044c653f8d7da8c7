"""/api/v1/cases: open a case (residents, staff, partner systems) and read one back."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Header, Query, Router
from ninja import Status as Reply

from opencex.accounts.models import Role
from opencex.api.auth import actor_of
from opencex.api.errors import IDEMPOTENCY_HEADER, FieldError, FieldErrors
from opencex.api.schemas import (
    CaseCreatedOut,
    CaseIn,
    CaseOut,
    CommunicationIn,
    ContactIn,
    ErrorsOut,
)
from opencex.api.throttles import ANONYMOUS_CASE_CREATION, CASE_LOOKUP_BY_EMAIL
from opencex.cases import policies
from opencex.cases.actions.opening import open_case
from opencex.cases.clock import case_deadline
from opencex.cases.models import Case, CaseKind, Channel, Status
from opencex.cases.references import normalise_reference
from opencex.catalogue.models import Service
from opencex.forms.answers import check_answers
from opencex.forms.communication import (
    COMMUNICATION_KEY,
    FORMAT_FIELD,
    LANGUAGE_FIELD,
    CommunicationNeeds,
    checked_communication_needs,
)
from opencex.forms.models import FormDefinition, FormVersion
from opencex.forms.services import (
    clock_for,
    kind_and_service,
    record_triage,
    triage_answers,
    triage_for,
)

router = Router(tags=["cases"])

CASE_NOT_FOUND = "No case was found with that reference."
_IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,100}")  # visible ASCII, e.g. a UUID


def _channel_for(actor, given: str | None) -> str:
    """The channel the case is recorded on: set for partners, given by staff, web otherwise."""
    if actor is not None and actor.role == Role.PARTNER:
        if given is not None:
            raise FieldError(
                "channel", "Leave channel out: a partner system's cases are always 'partner_api'"
            )
        return Channel.PARTNER_API
    if actor is not None and actor.is_council_staff:
        if given is None:
            raise FieldError("channel", "Say how the resident contacted the council")
        return given
    channel = given or Channel.WEB
    if not policies.can_open_case(actor, channel=channel):
        raise FieldError("channel", "Requests from residents come through the website: use 'web'")
    return channel


def _submission_key(actor, contact: ContactIn, key: str | None) -> str | None:
    """Namespace the caller's key so that two callers' keys can never meet. Anonymous callers
    are told apart by the contact details they give, which a retry repeats."""
    if key is None:
        return None
    if not _IDEMPOTENCY_KEY.fullmatch(key):
        raise FieldError(IDEMPOTENCY_HEADER, "Use 1 to 100 visible characters, such as a UUID")
    if actor is not None:
        owner = f"user-{actor.pk}"
    else:
        contact_id = (contact.email.lower() or contact.phone).encode()
        owner = "anon-" + hashlib.sha256(contact_id).hexdigest()[:24]
    return f"api:{owner}:{key}"


def _checked_answers(
    service: Service | None, answers: dict[str, Any] | None
) -> tuple[dict | None, FormVersion | None]:
    """The answers to the service's form, checked exactly as its pages check them, and the
    version of the form they answer (which chooses the clock: read once, used twice)."""
    if answers is None:
        return None, None
    form = FormDefinition.objects.filter(service=service, is_live=True).first() if service else None
    version = form.current_version() if form else None
    if version is None:
        raise FieldError(
            "answers", "Leave answers out: they are the answers to a live service's form"
        )
    kept, errors = check_answers(version.schema, answers)
    if errors:
        raise FieldErrors([(f"answers.{qid}", message) for qid, message in errors.items()])
    return kept, version


def _resident_of(actor):
    if actor is None or actor.role != Role.RESIDENT:
        return None
    return getattr(actor, "resident", None)


_COMMUNICATION_FIELDS = {
    LANGUAGE_FIELD: "communication.interpreter_language",
    FORMAT_FIELD: "communication.accessible_format",
}


def _communication_needs(given: CommunicationIn | None) -> CommunicationNeeds | None:
    """An interpreter or accessible format asked for, checked as the web form checks it."""
    if given is None:
        return None
    needs = checked_communication_needs(
        interpreter_language=given.interpreter_language.strip(),
        accessible_format=given.accessible_format.strip(),
    )
    if needs.errors:
        raise FieldErrors(
            [
                (_COMMUNICATION_FIELDS.get(field, "communication"), str(message))
                for field, message in needs.errors.items()
            ]
        )
    return needs


@router.post(
    "",
    response={
        200: CaseCreatedOut,
        201: CaseCreatedOut,
        (400, 401, 403, 413, 422, 429): ErrorsOut,
    },
    throttle=[ANONYMOUS_CASE_CREATION],
    operation_id="open_case",
    summary="Open a case",
    description=(
        "Send an `Idempotency-Key` header to make retries safe: the same key with the same "
        "request returns the first case (200, `Idempotent-Replayed: true`); the same key with "
        "a different request is refused (422, code `idempotency_key_reused`). With `answers` "
        "to a service's form, the case is filed under the kind and service that form files "
        "those answers under on the web (damp and mould on `report-damp-and-mould`)."
    ),
)
def create_case(
    request,
    response: HttpResponse,
    payload: CaseIn,
    idempotency_key: str | None = Header(None, alias=IDEMPOTENCY_HEADER),
):
    actor = actor_of(request)
    channel = _channel_for(actor, payload.channel)
    contact = payload.contact
    if actor is None and not (contact.email or contact.phone):
        raise FieldError(
            "contact", "Enter an email address or a phone number so we can tell you what happens"
        )
    service = None
    if payload.service:
        # With its team, which the case is routed to (cases.routing.team_for).
        service = Service.objects.live().select_related("team").filter(slug=payload.service).first()
        if service is None:
            raise FieldError("service", f"There is no live service called '{payload.service}'")
    # The same answers choose the same clock (a gas smell: the 24-hour hazard) as on the web form.
    answers, version = _checked_answers(service, payload.answers)
    kind = payload.kind
    if version is not None:
        # Filed as the web form files the same answers (damp and mould on its own service).
        filed = kind_and_service(version, answers or {})
        kind, service = filed["kind"], filed["service"]
    clock = clock_for(service, answers or {}, version=version)
    triage = triage_for(version, answers or {}) if version is not None else None
    kept = {**answers, **triage_answers(triage)} if answers is not None else None
    needs = _communication_needs(payload.communication)
    if needs is not None:
        kept = {**(kept or {}), COMMUNICATION_KEY: needs.as_answer()}
    case, created = open_case(
        actor=actor,
        kind=kind,
        channel=channel,
        subject=payload.subject,
        description=payload.description,
        contact_name=contact.name,
        contact_email=contact.email,
        contact_phone=contact.phone,
        resident=_resident_of(actor),
        service=service,
        answers=kept,
        priority=triage.priority if triage is not None else None,
        hazard_class=clock.hazard_class,
        standard_days=clock.standard_days,
        submission_key=_submission_key(actor, contact, idempotency_key),
    )
    if created and triage is not None:
        record_triage(case, triage)
    if not created:
        response["Idempotent-Replayed"] = "true"
    body = {
        "reference": case.reference,
        "kind": case.kind,
        "status": case.status,
        "received_on": case.received_on,
        "due_on": case.due_on,
        "due_at": _local(case.due_at),
        "links": {"self": f"/api/v1/cases/{case.reference}"},
    }
    return Reply(201 if created else 200, body)


@router.get(
    "/{reference}",
    response={200: CaseOut, (400, 401, 404, 422, 429): ErrorsOut},
    throttle=[CASE_LOOKUP_BY_EMAIL],
    exclude_unset=True,
    operation_id="get_case",
    summary="Read a case and its timeline",
    description=(
        "For whoever may see the case. A resident without an account adds `?email=` with the "
        "email address they gave. Anything else is 404, so references cannot be probed."
    ),
)
def get_case(request, reference: str, email: str | None = Query(None, max_length=254)):
    actor = actor_of(request)
    case = (
        Case.objects.select_related("service", "resident")
        .filter(reference=normalise_reference(reference))
        .first()
    )
    if case is None:
        raise Http404(CASE_NOT_FOUND)
    if policies.can_view_case(actor, case):
        return _case_detail(case, for_staff=actor.is_council_staff)
    if email and case.is_client_email(email):
        return _case_detail(case, for_staff=False)
    raise Http404(CASE_NOT_FOUND)


def _local(moment: datetime | None) -> datetime | None:
    """A moment in UK time, so its offset and hour read as the council's clock does."""
    return timezone.localtime(moment) if moment is not None else None


def _case_detail(case: Case, *, for_staff: bool) -> dict:
    events = case.events.all()
    if not for_staff:
        events = events.filter(is_visible_to_resident=True)
    detail = {
        "reference": case.reference,
        "kind": CaseKind(case.kind).value,
        "status": {"value": case.status, "label": Status(case.status).label},
        "stage": case.stage,
        "channel": case.channel,
        "service": (
            {"slug": case.service.slug, "title": case.service.title} if case.service else None
        ),
        "received_on": case.received_on,
        "due_on": case.due_on,
        "due_at": _local(case.due_at),
        "timeline": [
            {"at": event.at, "kind": event.kind, "summary": event.summary, "body": event.body}
            for event in events
        ],
    }
    if for_staff:
        detail["deadline_explanation"] = list(case_deadline(case).explanation)
    return detail
