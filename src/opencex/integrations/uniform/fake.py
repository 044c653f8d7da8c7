"""A working local planning system with the Uniform-style API `client.py` speaks: for the demo
(`opencex run_fake_back_office uniform`) and the tests. A planning officer's status change is
`set_status` (or POST /api/enforcement/<id>/status with {"status": ...})."""

from __future__ import annotations

from typing import Any

from opencex.integrations.fakeserver import FakeBackOffice, Refused

STATUSES = ("REGISTERED", "INVESTIGATING", "BREACH_FOUND", "NO_BREACH", "CLOSED")


class FakeUniform(FakeBackOffice):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.records: dict[str, dict[str, Any]] = {}
        self.changes: list[dict[str, Any]] = []

    def set_status(self, enforcement_id: str, status: str) -> None:
        with self.lock:
            self._set_status(enforcement_id, status)

    def _set_status(self, enforcement_id: str, status: str) -> None:
        if status not in STATUSES:
            raise Refused(400, f"Unknown status {status}.")
        if enforcement_id not in self.records:
            raise Refused(404, f"No enforcement record {enforcement_id}.")
        self.records[enforcement_id]["status"] = status
        self.changes.append(
            {"sequence": len(self.changes) + 1, "enforcementId": enforcement_id, "status": status}
        )

    def handle(self, method, path, query, headers, body):
        if headers.get("authorization") != f"Bearer {self.token}":
            raise Refused(401, "Not authorised.")
        if method == "POST" and path == "/api/enforcement":
            for enforcement_id, record in self.records.items():
                if record["externalReference"] == body["externalReference"]:
                    return 200, {"enforcementId": enforcement_id, "status": record["status"]}
            enforcement_id = f"ENF/26/{len(self.records) + 1:05d}"
            self.records[enforcement_id] = {**body, "status": "REGISTERED"}
            return 201, {"enforcementId": enforcement_id, "status": "REGISTERED"}
        if method == "GET" and path == "/api/enforcement/changes":
            since = int(query.get("since", 0))
            later = [c for c in self.changes if c["sequence"] > since]
            return 200, {
                "changes": later,
                "lastSequence": max([since, *(c["sequence"] for c in later)]),
            }
        if method == "POST" and path.startswith("/api/enforcement/") and path.endswith("/status"):
            enforcement_id = path.removeprefix("/api/enforcement/").removesuffix("/status")
            self._set_status(enforcement_id, (body or {}).get("status", ""))
            return 200, self.records[enforcement_id]
        raise Refused(404, "Not found.")
