"""What a resident can do from their request page, signed in or holding a reference grant
(`policies.ReferenceGrant`: they gave the reference and the email used for the request).

Every change goes through `cases.actions`, which accept the grant and record on the timeline
how the resident proved who they are; this module only combines them the way the page needs.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from opencex.cases import policies
from opencex.cases.actions.messages import receive_clarification
from opencex.cases.actions.status import change_status
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseEvent, PauseReason, Status
from opencex.cases.policies import ReferenceGrant
from opencex.cases.workflow import LIFECYCLES, RESIDENT


def can_act_on(*, actor, grant: ReferenceGrant | None, case: Case) -> bool:
    return policies.can_act_as_resident_on(actor, case, grant)


def can_say_not_fixed(case: Case) -> bool:
    """A resolved or closed request the resident may reopen ("it is not fixed")."""
    lifecycle = LIFECYCLES[case.kind]
    return case.status in {Status.RESOLVED, Status.CLOSED} and Status.IN_PROGRESS in (
        lifecycle.allowed_targets(case.status, RESIDENT)
    )


def is_waiting_for_clarification(case: Case) -> bool:
    # Read from the database, not from `case`: the caller's copy may be older than the pause.
    return case.pauses.open().filter(reason=PauseReason.CLARIFICATION).exists()


def reply(*, actor, grant: ReferenceGrant | None, case: Case, body: str) -> CaseEvent:
    """The resident adds information or replies. A reply to a request for clarification also
    ends the wait, as an emailed one does (`receive_clarification`)."""
    return receive_clarification(actor=actor, case=case, body=body, grant=grant)


def say_not_fixed(*, actor, grant: ReferenceGrant | None, case: Case, reason: str) -> Case:
    """Reopen a resolved or closed request; its history stays on the timeline."""
    if not reason.strip():
        raise CaseError("Tell us what is still wrong.")
    if not policies.can_act_as_resident_on(actor, case, grant):
        raise PermissionDenied("You cannot act on this request.")
    return change_status(actor=actor, case=case, to=Status.IN_PROGRESS, reason=reason, grant=grant)
