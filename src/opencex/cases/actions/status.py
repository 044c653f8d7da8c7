"""Move a case along its lifecycle, and close it with an outcome.

`change_status` is the door every page uses; `record_status_change` the step it takes, which the
owning apps' own acts take too (a complaint's stage response and an information request's
decision make it *responded*, a status "change status" refuses)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from opencex.cases import owners, policies
from opencex.cases.actions.core import (
    System,
    locked,
    officer_acts,
    party_of,
    proof_of,
    require,
    require_available,
)
from opencex.cases.actions.expected_date import count_again_from
from opencex.cases.errors import CaseError
from opencex.cases.links import check_can_be_withdrawn, tell_followers
from opencex.cases.models import (
    Case,
    CaseKind,
    EventKind,
    Status,
)
from opencex.cases.timeline import record_event
from opencex.cases.workflow import RESIDENT, STAFF, TransitionNotAllowed, check_transition
from opencex.notify.services import notify_resident


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
    lifecycle allows, as when an unpaid fee lapses a request. A status with an act of its own
    (acknowledge, pause, close, or the owning app's answer) is refused with where to go."""
    case = locked(case)
    by_system = isinstance(actor, System)
    by_officer = not by_system and party_of(actor, case, grant) == STAFF
    if by_system:
        require(policies.can_system_act(actor, case), "This system holds no record of the case.")
    if by_officer:
        require(policies.can_handle_case(actor, case), "You cannot change this case.")
    if to == Status.AWAITING_RESIDENT:
        raise TransitionNotAllowed("Pause the clock to wait for the resident; say what for.")
    if to == Status.CLOSED:
        raise TransitionNotAllowed("Close the case with an outcome.")
    if to == Status.ACKNOWLEDGED:
        raise TransitionNotAllowed("Acknowledge the case with its own action.")
    owner = owners.owner_of(case)
    if owner is not None and to in owner.statuses:
        raise TransitionNotAllowed(
            f"A {CaseKind(case.kind).label.lower()} is {Status(to).label.lower()} by the answer "
            f"sent from {owner.place}."
        )
    if by_officer and Status(to) in policies.status_targets(case):
        require_available(actor, case, "status")
    return record_status_change(
        actor=actor, case=case, to=to, reason=reason, grant=grant, notify=notify
    )


@transaction.atomic
def record_status_change(
    *,
    actor,
    case: Case,
    to: str,
    reason: str = "",
    grant: policies.ReferenceGrant | None = None,
    notify: bool = True,
) -> Case:
    """The step: the case moved to `to` if its lifecycle lets the party acting make the move."""
    case = locked(case)
    by_system = isinstance(actor, System)
    party = STAFF if by_system else party_of(actor, case, grant)
    if party == STAFF and not by_system:
        require(policies.can_handle_case(actor, case), "You cannot change this case.")
    check_transition(kind=case.kind, current=case.status, to=to, party=party)
    if to == Status.WITHDRAWN:
        check_can_be_withdrawn(case, by_resident=party == RESIDENT)
    previous = case.status
    case.status = to
    if party == STAFF and not by_system:
        officer_acts(case)
    today = timezone.localdate()
    if to == Status.RESPONDED:
        case.responded_on = today
    if previous in {Status.RESOLVED, Status.CLOSED} and to == Status.IN_PROGRESS:
        case.closed_at = None
        case.responded_on = None
        count_again_from(case, on=today)  # "it is not fixed": a new date by the standard
    case.save()
    record_event(
        case,
        EventKind.STATUS_CHANGED,
        actor,
        f"{Status(previous).label} → {Status(to).label}",
        body=reason,
        visible=True,
        data={"from": previous, "to": to, "due_on": case.due_on, **proof_of(actor, grant)},
    )
    if notify:
        notify_resident(case=case, template="case_status_changed", actor=actor)
        tell_followers(case=case, actor=actor, change="status")
    return case


@transaction.atomic
def close_case(*, actor, case: Case, outcome: str) -> Case:
    """Close a case with its outcome and tell the resident (and how to rate the service). A
    back-office system holding a record of the case may close it as the `System`."""
    case = locked(case)
    by_system = isinstance(actor, System)
    if by_system:
        require(policies.can_system_close(actor, case), "You cannot close this case.")
    else:
        require(policies.can_handle_case(actor, case), "You cannot close this case.")
    if not outcome.strip():
        raise CaseError("Record the outcome before closing the case.")
    check_transition(kind=case.kind, current=case.status, to=Status.CLOSED, party=STAFF)
    if not by_system:
        require_available(actor, case, "close")
        officer_acts(case)
    previous = case.status
    case.status = Status.CLOSED
    case.outcome = outcome
    case.closed_at = timezone.now()
    case.save()
    record_event(
        case,
        EventKind.STATUS_CHANGED,
        actor,
        "Closed",
        body=outcome,
        visible=True,
        data={"from": previous, "to": Status.CLOSED, **proof_of(actor, None)},
    )
    notify_resident(case=case, template="case_closed", actor=actor)
    tell_followers(case=case, actor=actor, change="closed")
    return case
