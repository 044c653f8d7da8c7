"""The planning system's API, as Uniform-style systems offer it: enforcement records made by a
POST, and a list of status changes by sequence number to poll."""

from __future__ import annotations

from opencex.cases.models import Status
from opencex.integrations.backoffice import Act, CaseForBackOffice, StatusChange, call_json

# The planning system's statuses, and what each means for the case.
ACTS = {
    "INVESTIGATING": Act(to=Status.IN_PROGRESS),
    "BREACH_FOUND": Act(to=Status.RESOLVED),
    "NO_BREACH": Act(to=Status.RESOLVED),
    "CLOSED": Act(to=Status.CLOSED, outcome="Closed by planning enforcement."),
}


class UniformClient:
    label = "the planning system"

    def __init__(self, *, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = {"authorization": f"Bearer {token}"}

    def create_record(self, case: CaseForBackOffice) -> str:
        answer = call_json(
            "POST",
            f"{self.base_url}/api/enforcement",
            headers=self.headers,
            body={
                "externalReference": case.reference,
                "breachType": case.service,
                "summary": case.subject,
                "description": case.description,
                "siteUprn": case.uprn,
                "receivedDate": case.received_at,
            },
        )
        return answer["enforcementId"]

    def changes_after(self, position: str) -> tuple[list[StatusChange], str]:
        answer = call_json(
            "GET",
            f"{self.base_url}/api/enforcement/changes?since={int(position or 0)}",
            headers=self.headers,
        )
        changes = [
            StatusChange(
                change_id=str(change["sequence"]),
                record_id=change["enforcementId"],
                status=change["status"],
            )
            for change in answer["changes"]
        ]
        return changes, str(answer["lastSequence"])

    def act_for(self, status: str) -> Act | None:
        return ACTS.get(status)
