"""The generic clock acts: acknowledge, pause and resume for the resident, extend."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from opencex.cases import policies
from opencex.cases.actions.core import (
    System,
    locked,
    officer_acts,
    party_of,
    proof_of,
    refresh_due_date,
    require,
)
from opencex.cases.clock import (
    EXTENDABLE_KINDS,
    allowed_pause_reasons,
    pause_restarts_clock,
)
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
from opencex.clocks.rules import RULES, DeadlineKind
from opencex.notify.services import notify_resident

_COMPLAINT_EXTENSION: dict[int | None, DeadlineKind] = {
    1: DeadlineKind.COMPLAINT_STAGE1_RESPONSE,
    2: DeadlineKind.COMPLAINT_STAGE2_RESPONSE,
}


@transaction.atomic
def acknowledge_case(*, actor, case: Case, on: date | None = None) -> Case:
    """Acknowledge receipt; for a complaint this starts the response clock."""
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
    on the day the email arrived, record an earlier arrival."""
    case = locked(case)
    by_system = isinstance(actor, System)
    party = STAFF if by_system else party_of(actor, case, grant)
    # The System's `on` is the day the mail server recorded the email arriving, not anyone's word.
    if party == STAFF and not by_system:
        require(policies.can_handle_case(actor, case), "You cannot resume this case's clock.")
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
    if party == STAFF and not by_system:
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


@transaction.atomic
def extend_deadline(
    *, actor, case: Case, reason: str, days: int | None = None, notify: bool = True
) -> Case:
    """The one extension the rules allow: a complaint stage by up to 10 or 20 working days; an
    FOI public-interest test, an EIR complex request, a subject access or an internal review to
    their extended limits. The resident is told unless the caller sends its own message
    (`notify=False`)."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot extend this case's deadline.")
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
        data={"days": days, "due_on": case.due_on},
    )
    if notify:
        notify_resident(case=case, template="case_status_changed", actor=actor)
    return case
