"""Take a stage 1 complaint to stage 2 (the case side of it)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from opencex.cases import policies
from opencex.cases.actions.core import (
    locked,
    officer_acts,
    party_of,
    proof_of,
    refresh_due_date,
    require,
)
from opencex.cases.errors import CaseError
from opencex.cases.models import (
    Case,
    CaseKind,
    EventKind,
    Status,
)
from opencex.cases.timeline import record_event
from opencex.cases.workflow import STAFF
from opencex.notify.services import notify_resident


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
    case = locked(case)
    require(
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
    if party_of(actor, case, grant) == STAFF:
        officer_acts(case)
    refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.ESCALATED,
        actor,
        "Escalated to stage 2",
        body=reason,
        visible=True,
        data={"on": on, "due_on": case.due_on, **proof_of(actor, grant)},
    )
    if notify:
        notify_resident(case=case, template="case_status_changed", actor=actor)
    return case
