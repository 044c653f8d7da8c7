"""Every change to a case goes through one of these functions.

Each takes the `actor` (None for an anonymous resident), checks the policy, locks the case, writes
the change and its timeline event in one transaction, and queues any message to the resident in
that same transaction (see opencex.jobs.queue), so nothing is half-done.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.cases import policies
from opencex.cases.attachments import store_attachment
from opencex.cases.clock import (
    EXTENDABLE_KINDS,
    allowed_pause_reasons,
    case_deadline,
    pause_restarts_clock,
)
from opencex.cases.models import (
    Case,
    CaseEvent,
    CaseKind,
    Channel,
    ClockPause,
    EventKind,
    PauseReason,
    Priority,
    Status,
)
from opencex.cases.references import new_reference
from opencex.cases.routing import team_for
from opencex.cases.timeline import record_event
from opencex.cases.workflow import RESIDENT, STAFF, TransitionNotAllowed, check_transition
from opencex.clocks.calendars import received_on as date_of_receipt
from opencex.clocks.rules import RULES, DeadlineKind
from opencex.notify.services import notify_resident, notify_staff

_REFERENCE_ATTEMPTS = 5
_COMPLAINT_EXTENSION = {
    1: DeadlineKind.COMPLAINT_STAGE1_RESPONSE,
    2: DeadlineKind.COMPLAINT_STAGE2_RESPONSE,
}


class CaseError(Exception):
    """A request about a case that cannot be carried out, with a message a person can act on."""


class SubmissionConflict(CaseError):
    """The same submission key was used before for a different request."""


@dataclass(frozen=True)
class System:
    """The platform itself acting, for the few changes nobody makes by hand: time passing (an FOI
    fee unpaid for three months lapses the request) or mail arriving (a clarification emailed by
    the requester restarts the clock on the day it arrived). `because` says which, for the
    timeline. It has no account, so no policy lets it act: only `change_status` and
    `resume_clock` accept it, and every other service refuses it as it refuses a stranger."""

    because: str
    is_authenticated: ClassVar[bool] = False
    is_active: ClassVar[bool] = False


def _party(actor, case: Case, grant: policies.ReferenceGrant | None = None) -> str:
    return RESIDENT if policies.can_act_as_resident_on(actor, case, grant) else STAFF


def _proof(actor, grant: policies.ReferenceGrant | None) -> dict[str, str]:
    """How a resident without a signed-in account proved who they are, or that the platform
    acted by itself and why, for the timeline (which records no account for either)."""
    if isinstance(actor, System):
        return {"by": "system", "because": actor.because}
    if grant is not None and account_or_none(actor) is None:
        return {"by": "reference_and_email", "email": grant.email.strip().lower()}
    return {}


def _locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("service", "resident")
        .get(pk=case.pk)
    )


def _refresh_due_date(case: Case) -> None:
    case.due_on = case_deadline(case).due


def _officer_acts(case: Case) -> None:
    """An officer handling the case did something with it, so a reply from the resident is no
    longer new. The caller saves the case."""
    case.new_reply_at = None


def _fingerprint(actor, fields: dict[str, Any]) -> str:
    identity = actor.pk if account_or_none(actor) else "anonymous"
    payload = json.dumps({"actor": identity, **fields}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def open_case(
    *,
    actor,
    kind: str,
    channel: str,
    subject: str,
    description: str,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    resident=None,
    service=None,
    property=None,
    answers: dict[str, Any] | None = None,
    received_at: datetime | None = None,
    parent: Case | None = None,
    priority: int | None = None,
    submission_key: str | None = None,
    uploads: Sequence[File] = (),
) -> tuple[Case, bool]:
    """Open a case; returns (case, created). The same `submission_key` twice returns the first
    case (created=False) rather than a second one, so a double click or a retried request is safe.
    `uploads` are files sent with the request (checked by content, stored privately).
    """
    if not policies.can_open_case(actor, channel=channel):
        raise PermissionDenied(f"You cannot open a case on the {Channel(channel).label} channel.")
    kind = CaseKind(kind)
    if kind == CaseKind.FOI_INTERNAL_REVIEW and (parent is None or parent.kind != CaseKind.FOI):
        raise CaseError("An internal review must be about an FOI request.")
    fingerprint = ""
    if submission_key:
        fingerprint = _fingerprint(
            actor,
            {
                "kind": kind,
                "channel": channel,
                "subject": subject,
                "description": description,
                "contact_email": contact_email.lower(),
                "service": service.pk if service else None,
                "answers": answers or {},
            },
        )
        existing = Case.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return _same_submission(existing, fingerprint), False

    received_at = received_at or timezone.now()
    day_zero = date_of_receipt(received_at)
    if priority is None:
        priority = (
            Priority.HIGH if resident is not None and resident.is_priority else Priority.NORMAL
        )
    case = Case(
        kind=kind,
        stage=1 if kind == CaseKind.COMPLAINT else None,
        channel=channel,
        priority=priority,
        resident=resident,
        property=property,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        service=service,
        team=team_for(kind=kind, service=service),
        parent=parent,
        subject=subject,
        description=description,
        answers=answers or {},
        received_at=received_at,
        received_on=day_zero,
        clock_started_on=day_zero,
        created_by=account_or_none(actor),
        submission_key=submission_key or None,
        submission_fingerprint=fingerprint,
    )
    case.due_on = case_deadline(case, pauses=[]).due
    try:
        _save_with_fresh_reference(case)
    except IntegrityError:
        # Another request with the same submission key won the race: answer with its case.
        if submission_key:
            existing = Case.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return _same_submission(existing, fingerprint), False
        raise
    record_event(
        case,
        EventKind.CREATED,
        actor,
        f"{kind.label} received by {Channel(channel).label.lower()}",
        visible=True,
        data={"channel": channel, "due_on": case.due_on},
    )
    for upload in uploads:
        store_attachment(actor=actor, case=case, upload=upload)
    notify_resident(case=case, template="case_received", actor=actor)
    return case, True


def _same_submission(existing: Case, fingerprint: str) -> Case:
    if existing.submission_fingerprint != fingerprint:
        raise SubmissionConflict(
            "This submission key was already used for a different request. "
            "Use a new key for a new request."
        )
    return existing


def _save_with_fresh_reference(case: Case) -> None:
    for attempt in range(_REFERENCE_ATTEMPTS):
        case.reference = new_reference(case.kind)
        try:
            with transaction.atomic():
                case.save()
            return
        except IntegrityError:
            clash = Case.objects.filter(reference=case.reference).exists()
            if not clash or attempt == _REFERENCE_ATTEMPTS - 1:
                raise


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def change_status(
    *,
    actor,
    case: Case,
    to: str,
    reason: str = "",
    grant: policies.ReferenceGrant | None = None,
    notify: bool = True,
) -> Case:
    """Move a case along its lifecycle (see cases.workflow), telling the resident unless the
    caller sends its own message (`notify=False`). The `System` may make the move the staff
    lifecycle allows, as when an unpaid fee lapses a request."""
    case = _locked(case)
    by_system = isinstance(actor, System)
    party = STAFF if by_system else _party(actor, case, grant)
    if party == STAFF and not by_system:
        _require(policies.can_handle_case(actor, case), "You cannot change this case.")
    if to == Status.AWAITING_RESIDENT:
        raise TransitionNotAllowed("Pause the clock to wait for the resident; say what for.")
    if to == Status.CLOSED:
        raise TransitionNotAllowed("Close the case with an outcome.")
    check_transition(kind=case.kind, current=case.status, to=to, party=party)
    previous = case.status
    case.status = to
    if party == STAFF and not by_system:
        _officer_acts(case)
    today = timezone.localdate()
    if to == Status.RESPONDED:
        case.responded_on = today
    if previous in {Status.RESOLVED, Status.CLOSED} and to == Status.IN_PROGRESS:
        case.closed_at = None
        case.responded_on = None
    case.save()
    record_event(
        case,
        EventKind.STATUS_CHANGED,
        actor,
        f"{Status(previous).label} → {Status(to).label}",
        body=reason,
        visible=True,
        data={"from": previous, "to": to, **_proof(actor, grant)},
    )
    if notify:
        notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


@transaction.atomic
def acknowledge_case(*, actor, case: Case, on: date | None = None) -> Case:
    """Acknowledge receipt; for a complaint this starts the response clock."""
    case = _locked(case)
    _require(policies.can_handle_case(actor, case), "You cannot acknowledge this case.")
    on = on or timezone.localdate()
    if on < case.clock_started_on:
        raise CaseError("A case cannot be acknowledged before it was received.")
    check_transition(kind=case.kind, current=case.status, to=Status.ACKNOWLEDGED, party=STAFF)
    case.status = Status.ACKNOWLEDGED
    case.acknowledged_on = on
    _officer_acts(case)
    _refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.ACKNOWLEDGED,
        actor,
        "Acknowledged",
        visible=True,
        data={"on": on, "due_on": case.due_on},
    )
    notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


@transaction.atomic
def pause_clock(
    *,
    actor,
    case: Case,
    reason: str,
    on: date | None = None,
    note: str = "",
    notify: bool = True,
) -> Case:
    """Stop the clock while the council waits for the resident (clarification, fee, identity).
    The resident is told, with the note saying what is needed, unless the caller sends its own
    message (`notify=False`)."""
    case = _locked(case)
    _require(policies.can_handle_case(actor, case), "You cannot pause this case's clock.")
    reason = PauseReason(reason)
    if reason not in allowed_pause_reasons(case.kind):
        raise CaseError(
            f"The clock of a {CaseKind(case.kind).label.lower()} cannot be paused for "
            f"'{reason.label.lower()}'."
        )
    if case.pauses.filter(ended_on__isnull=True).exists():
        raise CaseError("The clock is already paused.")
    on = on or timezone.localdate()
    if on < case.clock_started_on:
        raise CaseError("The clock cannot be paused before it started.")
    check_transition(kind=case.kind, current=case.status, to=Status.AWAITING_RESIDENT, party=STAFF)
    ClockPause.objects.create(case=case, reason=reason, started_on=on, note=note)
    case.status = Status.AWAITING_RESIDENT
    _officer_acts(case)
    _refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.CLOCK_PAUSED,
        actor,
        f"Clock paused: {reason.label.lower()}",
        body=note,
        visible=True,
        data={"reason": reason, "on": on},
    )
    if notify:
        notify_resident(
            case=case,
            template="case_status_changed",
            extra_context={"note": note.strip()},
            actor=actor,
        )
    return case


@transaction.atomic
def resume_clock(
    *,
    actor,
    case: Case,
    on: date | None = None,
    grant: policies.ReferenceGrant | None = None,
) -> Case:
    """What the council waited for arrived on `on`: restart or resume the clock, per the rules.
    A resident's own reply resumes it today; only staff, or the `System` reading an emailed reply
    on the day the email arrived, record an earlier arrival."""
    case = _locked(case)
    by_system = isinstance(actor, System)
    party = STAFF if by_system else _party(actor, case, grant)
    # The System's `on` is the day the mail server recorded the email arriving, not anyone's word.
    if party == STAFF and not by_system:
        _require(policies.can_handle_case(actor, case), "You cannot resume this case's clock.")
    elif party == RESIDENT and on is not None:
        raise CaseError("The clock resumes on the day the resident replies.")
    pause = case.pauses.filter(ended_on__isnull=True).first()
    if pause is None:
        raise CaseError("The clock is not paused.")
    on = on or timezone.localdate()
    if on < pause.started_on:
        raise CaseError("The clock cannot resume before it was paused.")
    pause.ended_on = on
    pause.save(update_fields=["ended_on"])
    restarts = pause_restarts_clock(case.kind, pause.reason)
    if restarts:
        case.clock_started_on = on
    case.status = Status.IN_PROGRESS
    if party == STAFF and not by_system:
        _officer_acts(case)
    _refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.CLOCK_RESTARTED if restarts else EventKind.CLOCK_RESUMED,
        actor,
        (
            f"{PauseReason(pause.reason).label} ended: the clock restarted"
            if restarts
            else f"{PauseReason(pause.reason).label} ended: the clock resumed"
        ),
        visible=True,
        data={
            "reason": pause.reason,
            "paused_on": pause.started_on,
            "on": on,
            "due_on": case.due_on,
            **_proof(actor, grant),
        },
    )
    notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


@transaction.atomic
def extend_deadline(
    *, actor, case: Case, reason: str, days: int | None = None, notify: bool = True
) -> Case:
    """The one extension the rules allow: a complaint stage by up to 10 or 20 working days; an
    FOI public-interest test, an EIR complex request, a subject access or an internal review to
    their extended limits. The resident is told unless the caller sends its own message
    (`notify=False`)."""
    case = _locked(case)
    _require(policies.can_handle_case(actor, case), "You cannot extend this case's deadline.")
    if case.kind not in EXTENDABLE_KINDS:
        raise CaseError(f"A {CaseKind(case.kind).label.lower()} has no extension.")
    if not reason.strip():
        raise CaseError("Give the reason for the extension: the resident is told it.")
    if case.is_extended:
        raise CaseError("This deadline has already been extended once.")
    if case.kind == CaseKind.COMPLAINT:
        if case.acknowledged_on is None:
            raise CaseError("Acknowledge the complaint before extending its response deadline.")
        limit = RULES[_COMPLAINT_EXTENSION[case.stage]].max_extension_days
        if days is None or not 1 <= days <= limit:
            raise CaseError(f"A stage {case.stage} extension is 1 to {limit} working days.")
        case.extension_days = days
    elif days is not None:
        raise CaseError("This kind of request is extended to its legal limit, not by days.")
    case.is_extended = True
    _officer_acts(case)
    _refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.EXTENDED,
        actor,
        f"Deadline extended to {case.due_on:%d %B %Y}" if case.due_on else "Deadline extended",
        body=reason,
        visible=True,
        data={"days": days, "due_on": case.due_on},
    )
    if notify:
        notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


@transaction.atomic
def escalate_complaint(
    *,
    actor,
    case: Case,
    reason: str,
    on: date | None = None,
    grant: policies.ReferenceGrant | None = None,
    notify: bool = True,
) -> Case:
    """Take a stage 1 complaint to stage 2; a different officer must handle it. The resident may
    ask for it themselves (signed in, or holding a reference grant). `notify=False` when the
    caller sends its own letter instead of the general update."""
    case = _locked(case)
    _require(
        policies.can_escalate_complaint(actor, case, grant), "You cannot escalate this complaint."
    )
    if case.kind != CaseKind.COMPLAINT or case.stage != 1:
        raise CaseError("Only a stage 1 complaint can be escalated.")
    if case.status in {Status.WITHDRAWN}:
        raise CaseError("A withdrawn complaint cannot be escalated.")
    if not reason.strip():
        raise CaseError("Say why you are unhappy with the stage 1 response.")
    on = on or timezone.localdate()
    case.begin_stage_two(on)
    if _party(actor, case, grant) == STAFF:
        _officer_acts(case)
    _refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.ESCALATED,
        actor,
        "Escalated to stage 2",
        body=reason,
        visible=True,
        data={"on": on, "due_on": case.due_on, **_proof(actor, grant)},
    )
    if notify:
        notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


@transaction.atomic
def reassign_case(*, actor, case: Case, team=None, officer=None, reason: str = "") -> Case:
    """Route a case to another team and/or officer."""
    case = _locked(case)
    _require(policies.can_reassign_case(actor, case), "You cannot reassign this case.")
    if team is None and officer is None:
        raise CaseError("Choose a team or an officer.")
    if officer is not None:
        if not officer.is_council_staff or not officer.is_active:
            raise CaseError("Cases can only be assigned to active council staff.")
        if case.stage == 2 and case.stage1_handled_by_id == officer.pk:
            raise CaseError(
                "A stage 2 complaint must be handled by someone other than the stage 1 officer."
            )
    before = {"team": case.team_id, "officer": case.assigned_to_id}
    if team is not None:
        case.team = team
    if officer is not None:
        case.assigned_to = officer
    case.save(update_fields=["team", "assigned_to", "updated_at"])
    record_event(
        case,
        EventKind.REASSIGNED,
        actor,
        f"Assigned to {case.assigned_to.full_name if case.assigned_to else case.team}",
        body=reason,
        data={"before": before, "team": case.team_id, "officer": case.assigned_to_id},
    )
    return case


def _save_that_officer_acted(case: Case) -> None:
    if case.new_reply_at is not None:
        _officer_acts(case)
        case.save(update_fields=["new_reply_at", "updated_at"])


@transaction.atomic
def add_note(*, actor, case: Case, body: str) -> CaseEvent:
    """An internal note: staff only, never shown to the resident. A note by an officer handling
    the case means they have read any new reply."""
    case = _locked(case)
    _require(policies.can_add_note(actor, case), "You cannot add notes to this case.")
    if not body.strip():
        raise CaseError("Write the note.")
    if policies.can_handle_case(actor, case):
        _save_that_officer_acted(case)
    return record_event(case, EventKind.NOTE, actor, "Note added", body=body)


@transaction.atomic
def send_message(*, actor, case: Case, body: str) -> CaseEvent:
    """A message from the council to the resident: on their timeline and sent to them."""
    case = _locked(case)
    _require(policies.can_handle_case(actor, case), "You cannot message about this case.")
    if not body.strip():
        raise CaseError("Write the message.")
    _save_that_officer_acted(case)
    event = record_event(
        case, EventKind.MESSAGE_OUT, actor, "Message sent", body=body, visible=True
    )
    notify_resident(
        case=case, template="message_to_resident", extra_context={"message": body}, actor=actor
    )
    return event


@transaction.atomic
def receive_message(
    *,
    actor,
    case: Case,
    body: str,
    channel: str = Channel.WEB,
    grant: policies.ReferenceGrant | None = None,
) -> CaseEvent:
    """A message from the resident (their reply on the tracking page, or logged by staff).

    The case shows it as a new reply, and its officer (or, with none, the team's officers) is
    told by email, unless the officer logging it is the one assigned: they have it already."""
    case = _locked(case)
    resident_acts = policies.can_act_as_resident_on(actor, case, grant)
    if not (resident_acts or policies.can_add_note(actor, case)):
        raise PermissionDenied("You cannot add a message to this case.")
    if not body.strip():
        raise CaseError("Write your message.")
    event = record_event(
        case,
        EventKind.MESSAGE_IN,
        actor,
        f"Message from the resident ({Channel(channel).label.lower()})",
        body=body,
        visible=True,
        data={"channel": channel, **_proof(actor, grant)},
    )
    logged_by = account_or_none(actor)
    if logged_by is None or case.assigned_to_id != logged_by.pk:
        case.new_reply_at = event.at
        case.save(update_fields=["new_reply_at", "updated_at"])
        _tell_officers_about_reply(case=case, actor=actor, channel=channel)
    return event


def _tell_officers_about_reply(*, case: Case, actor, channel: str) -> None:
    if case.assigned_to is not None:
        officers = [case.assigned_to]
    elif case.team is not None:
        officers = [
            member
            for member in case.team.members.filter(is_active=True).order_by("pk")
            if policies.can_handle_case(member, case)
        ]
    else:
        officers = []
    logged_by = account_or_none(actor)
    for officer in officers:
        if logged_by is None or officer.pk != logged_by.pk:
            notify_staff(
                user=officer,
                template="staff_resident_replied",
                context={"case": case, "channel": Channel(channel).label.lower()},
                actor=logged_by,
            )


@transaction.atomic
def close_case(*, actor, case: Case, outcome: str) -> Case:
    """Close a case with its outcome and tell the resident (and how to rate the service)."""
    case = _locked(case)
    _require(policies.can_handle_case(actor, case), "You cannot close this case.")
    if not outcome.strip():
        raise CaseError("Record the outcome before closing the case.")
    check_transition(kind=case.kind, current=case.status, to=Status.CLOSED, party=STAFF)
    previous = case.status
    case.status = Status.CLOSED
    case.outcome = outcome
    case.closed_at = timezone.now()
    _officer_acts(case)
    case.save()
    record_event(
        case,
        EventKind.STATUS_CHANGED,
        actor,
        "Closed",
        body=outcome,
        visible=True,
        data={"from": previous, "to": Status.CLOSED},
    )
    notify_resident(case=case, template="case_closed", actor=actor)
    return case


@transaction.atomic
def set_priority(*, actor, case: Case, priority: int, reason: str) -> Case:
    """Raise or lower how soon a case is dealt with; queues put higher priorities first."""
    case = _locked(case)
    _require(policies.can_reassign_case(actor, case), "You cannot change this case's priority.")
    try:
        priority = Priority(int(priority))
    except (TypeError, ValueError):
        raise CaseError("Choose normal, high or urgent priority.") from None
    if priority == case.priority:
        raise CaseError(f"The case is already {priority.label.lower()} priority.")
    if not reason.strip():
        raise CaseError("Give the reason for changing the priority.")
    before = case.priority
    case.priority = priority
    case.save(update_fields=["priority", "updated_at"])
    record_event(
        case,
        EventKind.PRIORITY_CHANGED,
        actor,
        f"Priority {Priority(before).label.lower()} → {Priority(priority).label.lower()}",
        body=reason,
        data={"from": before, "to": priority},
    )
    return case
