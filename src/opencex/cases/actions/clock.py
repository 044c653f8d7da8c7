"""The generic clock acts: acknowledge, pause and resume for the resident, extend.

Each act is a door (`acknowledge_case`, `pause_clock`, `resume_clock`, `extend_deadline`), the
one every page calls, and a step (`record_acknowledgement`, `record_pause`, `record_resumption`,
`record_extension`) that makes the change on the case. A door hands an act the case's owning app
performs itself to that app's action (see `cases.owners`), refuses one the owner records with its
own act, and otherwise checks `policies.available_actions` and takes the step. The owning apps'
actions take the steps, after their own rules, with their own letter.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from opencex.cases import owners, policies
from opencex.cases.actions.core import (
    System,
    locked,
    officer_acts,
    owner_place,
    party_of,
    proof_of,
    refresh_due_date,
    require,
    require_available,
)
from opencex.cases.clock import allowed_pause_reasons, pause_restarts_clock
from opencex.cases.errors import CaseError
from opencex.cases.models import (
    Case,
    CaseKind,
    ClockPause,
    EventKind,
    PauseReason,
    Status,
)
from opencex.cases.timeline import record_event
from opencex.cases.workflow import RESIDENT, STAFF, check_transition
from opencex.notify.services import notify_resident


@owners.hands_over("acknowledge")
@transaction.atomic
def acknowledge_case(*, actor, case: Case, on: date | None = None) -> Case:
    """Acknowledge receipt. A complaint's acknowledgement is the complaints app's (it starts the
    response clock), so it is handed over."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot acknowledge this case.")
    require_available(actor, case, "acknowledge")
    return record_acknowledgement(actor=actor, case=case, on=on)


@transaction.atomic
def record_acknowledgement(*, actor, case: Case, on: date | None = None) -> Case:
    """The step: the case acknowledged on `on` (today), its clock recomputed, the resident told."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot acknowledge this case.")
    on = on or timezone.localdate()
    if on < case.clock_started_on:
        raise CaseError("A case cannot be acknowledged before it was received.")
    check_transition(kind=case.kind, current=case.status, to=Status.ACKNOWLEDGED, party=STAFF)
    case.status = Status.ACKNOWLEDGED
    case.acknowledged_on = on
    officer_acts(case)
    refresh_due_date(case)
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
def pause_clock(*, actor, case: Case, reason: str, on: date | None = None, note: str = "") -> Case:
    """Stop the clock while the council waits for the resident, and tell them what is needed
    (`note`). A wait the owning app records itself (an FOI fees notice, which says the fee; a
    subject access request's proof of identity) is refused here and done on its page."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot pause this case's clock.")
    if reason in policies.owned_pause_reasons(case):
        raise CaseError(
            f"{PauseReason(reason).label} is recorded on {owner_place(case)}, with what it needs."
        )
    if reason in allowed_pause_reasons(case.kind):  # any other is refused with its reason below
        require_available(actor, case, "pause")
    return record_pause(actor=actor, case=case, reason=reason, on=on, note=note)


@transaction.atomic
def record_pause(
    *,
    actor,
    case: Case,
    reason: str,
    on: date | None = None,
    note: str = "",
    notify: bool = True,
) -> Case:
    """The step: the clock stopped from `on` (today) for `reason`. The resident is told, with the
    note, unless the owning app's act sends its own message (`notify=False`)."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot pause this case's clock.")
    reason = PauseReason(reason)
    if reason not in allowed_pause_reasons(case.kind):
        raise CaseError(
            f"The clock of a {CaseKind(case.kind).label.lower()} cannot be paused for "
            f"'{reason.label.lower()}'."
        )
    if case.pauses.open().exists():
        raise CaseError("The clock is already paused.")
    on = on or timezone.localdate()
    if on < case.clock_started_on:
        raise CaseError("The clock cannot be paused before it started.")
    check_transition(kind=case.kind, current=case.status, to=Status.AWAITING_RESIDENT, party=STAFF)
    ClockPause.objects.create(case=case, reason=reason, started_on=on, note=note)
    case.status = Status.AWAITING_RESIDENT
    officer_acts(case)
    refresh_due_date(case)
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
    on the day the email arrived, record an earlier arrival. A wait the owning app records (a
    fee paid, proof of identity) ends on its page, where what arrived is recorded."""
    case = locked(case)
    by_officer = not isinstance(actor, System) and party_of(actor, case, grant) == STAFF
    if by_officer:
        require(policies.can_handle_case(actor, case), "You cannot resume this case's clock.")
    pause = case.pauses.open().first()
    if pause is not None and pause.reason in policies.owned_pause_reasons(case):
        raise CaseError(
            f"{PauseReason(pause.reason).label}: record what arrived on {owner_place(case)}."
        )
    if by_officer:
        require_available(actor, case, "resume")
    return record_resumption(actor=actor, case=case, on=on, grant=grant)


@transaction.atomic
def record_resumption(
    *,
    actor,
    case: Case,
    on: date | None = None,
    grant: policies.ReferenceGrant | None = None,
    reply_recorded: bool = False,
) -> Case:
    """The step: the open pause ends on `on` (today) and the clock restarts or resumes.
    `reply_recorded`: an officer who may record the resident's reply (by phone, letter, face to
    face) records it, which ends the wait as the reply itself would; it is not their own act on
    the case, so it leaves the reply new for the officer handling it."""
    case = locked(case)
    by_system = isinstance(actor, System)
    party = STAFF if by_system else party_of(actor, case, grant)
    # The System's `on` is the day the mail server recorded the email arriving, not anyone's word.
    if party == STAFF and not by_system:
        may = policies.can_add_note if reply_recorded else policies.can_handle_case
        require(may(actor, case), "You cannot resume this case's clock.")
    elif party == RESIDENT and on is not None:
        raise CaseError("The clock resumes on the day the resident replies.")
    pause = case.pauses.open().first()
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
    if party == STAFF and not by_system and not reply_recorded:
        officer_acts(case)
    refresh_due_date(case)
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
            **proof_of(actor, grant),
        },
    )
    notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


@owners.hands_over("extend")
def extend_deadline(*, actor, case: Case, reason: str, days: int | None = None) -> Case:
    """Extend a case's deadline. Every extension the rules allow is a domain app's (a complaint
    stage's with the Ombudsman's details; an FOI, EIR, subject access or internal review's with
    the register's notice rules), so it is handed over; any other kind has none."""
    raise CaseError(f"A {CaseKind(case.kind).label.lower()} has no extension.")


@transaction.atomic
def record_extension(*, actor, case: Case, reason: str, days: int = 0) -> Case:
    """The step: the deadline extended once, by `days` working days where the rule counts them
    (a complaint stage) or to the rule's extended limit. The owning app has checked its law and
    sends the letter."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot extend this case's deadline.")
    if not reason.strip():
        raise CaseError("Give the reason for the extension: the resident is told it.")
    if case.is_extended:
        raise CaseError("This deadline has already been extended once.")
    case.is_extended = True
    case.extension_days = days
    officer_acts(case)
    refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.EXTENDED,
        actor,
        f"Deadline extended to {case.due_on:%d %B %Y}" if case.due_on else "Deadline extended",
        body=reason,
        visible=True,
        data={"days": days or None, "due_on": case.due_on},
    )
    return case
