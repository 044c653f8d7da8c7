"""The complaints app's claim on complaints (see `cases.owners`): their acknowledgement,
extension and escalation are this app's acts, a complaint is *responded* only by its stage
response, and stage 2 is never handled by who handled stage 1."""

from __future__ import annotations

from opencex.cases import owners
from opencex.cases.models import CaseKind, Status
from opencex.complaints import policies, services

OWNER = owners.Owner(
    app="complaints",
    kinds=frozenset({CaseKind.COMPLAINT}),
    place="the complaint page",
    acts={
        "acknowledge": services.acknowledge_complaint,
        "extend": services.extend_complaint,
        "escalate": services.escalate_to_stage_two,
        "respond": services.record_complaint_response,
    },
    offers=policies.complaint_acts,
    may_handle=policies.may_handle,
    statuses=frozenset({Status.RESPONDED}),
)
