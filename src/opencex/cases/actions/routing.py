"""Route a case: another service, team or officer, a higher or lower priority."""

from __future__ import annotations

from django.db import transaction

from opencex.cases import owners, policies
from opencex.cases.actions.core import (
    System,
    locked,
    proof_of,
    require,
)
from opencex.cases.clock import apply_deadline, case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import (
    Case,
    EventKind,
    Priority,
)
from opencex.cases.routing import team_for
from opencex.cases.timeline import record_event


@transaction.atomic
def reassign_case(
    *, actor, case: Case, team=None, officer=None, service=None, reason: str = ""
) -> Case:
    """Route a case to another team and/or officer, or to another service (and, unless a team is
    given, that service's team; a request's due date then follows the new service's standard)."""
    case = locked(case)
    require(policies.can_reassign_case(actor, case), "You cannot reassign this case.")
    if team is None and officer is None and service is None:
        raise CaseError("Choose a team or an officer.")
    if service is not None:
        refusal = policies.service_change_refusal(case)
        if refusal:
            raise CaseError(refusal)
        if team is None:
            team = team_for(kind=case.kind, service=service)
    if officer is not None:
        if not officer.is_council_staff or not officer.is_active:
            raise CaseError("Cases can only be assigned to active council staff.")
        if not owners.may_handle(officer, case):
            raise CaseError(
                "A stage 2 complaint must be handled by someone other than the stage 1 officer."
            )
    before = {"team": case.team_id, "officer": case.assigned_to_id, "service": case.service_id}
    fields = ["team", "assigned_to", "updated_at"]
    if team is not None:
        case.team = team
    if officer is not None:
        case.assigned_to = officer
    if service is not None:
        case.service = service
        if case.due_on is not None and not case.hazard_class:
            apply_deadline(case, case_deadline(case))
        fields += ["service", "due_on", "due_at"]
    case.save(update_fields=fields)
    where = case.assigned_to.full_name if case.assigned_to else case.team
    summary = f"Assigned to {where}"
    if service is not None:
        summary = f"Routed to {service.title} ({where})"
    record_event(
        case,
        EventKind.REASSIGNED,
        actor,
        summary,
        body=reason,
        data={
            "before": before,
            "team": case.team_id,
            "officer": case.assigned_to_id,
            "service": case.service_id,
        },
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
