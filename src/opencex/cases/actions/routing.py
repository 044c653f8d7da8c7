"""Route a case: another team or officer, a higher or lower priority."""

from __future__ import annotations

from django.db import transaction

from opencex.cases import owners, policies
from opencex.cases.actions.core import (
    System,
    locked,
    proof_of,
    require,
)
from opencex.cases.errors import CaseError
from opencex.cases.models import (
    Case,
    EventKind,
    Priority,
)
from opencex.cases.timeline import record_event


@transaction.atomic
def reassign_case(*, actor, case: Case, team=None, officer=None, reason: str = "") -> Case:
    """Route a case to another team and/or officer."""
    case = locked(case)
    require(policies.can_reassign_case(actor, case), "You cannot reassign this case.")
    if team is None and officer is None:
        raise CaseError("Choose a team or an officer.")
    if officer is not None:
        if not officer.is_council_staff or not officer.is_active:
            raise CaseError("Cases can only be assigned to active council staff.")
        if not owners.may_handle(officer, case):
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


@transaction.atomic
def set_priority(*, actor, case: Case, priority: int, reason: str) -> Case:
    """Raise or lower how soon a case is dealt with; queues put higher priorities first. The
    `System` may only raise it (an urgency cue, `opencex.cues`); lowering it is an officer's."""
    case = locked(case)
    by_system = isinstance(actor, System)
    if by_system:
        require(policies.can_system_raise_priority(actor, case), "This system cannot do that.")
    else:
        require(policies.can_reassign_case(actor, case), "You cannot change this case's priority.")
    try:
        priority = Priority(int(priority))
    except (TypeError, ValueError):
        raise CaseError("Choose normal, high or urgent priority.") from None
    if by_system and priority < case.priority:
        raise CaseError("Only an officer may lower a case's priority.")
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
        data={"from": before, "to": priority, **proof_of(actor, None)},
    )
    return case
