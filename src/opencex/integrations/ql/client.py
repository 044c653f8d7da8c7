"""The housing system's API, as QL-style systems offer it: repair jobs raised by a POST, and a
feed of job events by id to poll."""

from __future__ import annotations

from opencex.cases.models import Status
from opencex.integrations.backoffice import Act, CaseForBackOffice, StatusChange, call_json

# The housing system's job statuses, and what each means for the case.
ACTS = {
    "ISSUED": Act(to=Status.IN_PROGRESS),
    "COMPLETED": Act(to=Status.RESOLVED),
    "CLOSED": Act(to=Status.CLOSED, outcome="Repair completed."),
    "CANCELLED": Act(to=Status.CLOSED, outcome="Repair job cancelled by the housing team."),
}


class QlClient:
    label = "the housing system"

    def __init__(self, *, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = {"x-ql-key": token}

    def create_record(self, case: CaseForBackOffice) -> str:
        answer = call_json(
            "POST",
            f"{self.base_url}/ql/api/repairs",
            headers=self.headers,
            body={
                "ExternalRef": case.reference,
                "Uprn": case.uprn,
                "RepairDescription": f"{case.subject}\n\n{case.description}",
                "Priority": case.priority,
                "ReportedAt": case.received_at,
            },
        )
        return answer["JobNo"]

    def changes_after(self, position: str) -> tuple[list[StatusChange], str]:
        answer = call_json(
            "GET",
            f"{self.base_url}/ql/api/repairs/events?after={int(position or 0)}",
            headers=self.headers,
        )
        events = answer["Events"]
        changes = [
            StatusChange(change_id=str(e["EventId"]), record_id=e["JobNo"], status=e["JobStatus"])
            for e in events
        ]
        return changes, str(events[-1]["EventId"]) if events else (position or "0")

    def act_for(self, status: str) -> Act | None:
        return ACTS.get(status)
