"""A working local housing system with the QL-style API `client.py` speaks: for the demo
(`opencex run_fake_back_office ql`) and the tests. A repairs officer's status change is
`set_status` (or POST /ql/api/repairs/<JobNo>/status with {"JobStatus": ...})."""

from __future__ import annotations

from typing import Any

from opencex.integrations.fakeserver import FakeBackOffice, Refused

STATUSES = ("RAISED", "ISSUED", "COMPLETED", "CLOSED", "CANCELLED")


class FakeQl(FakeBackOffice):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.jobs: dict[str, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []

    def set_status(self, job_no: str, status: str) -> None:
        with self.lock:
            self._set_status(job_no, status)

    def _set_status(self, job_no: str, status: str) -> None:
        if status not in STATUSES:
            raise Refused(400, f"Unknown job status {status}.")
        if job_no not in self.jobs:
            raise Refused(404, f"No repair job {job_no}.")
        self.jobs[job_no]["JobStatus"] = status
        self.events.append({"EventId": len(self.events) + 1, "JobNo": job_no, "JobStatus": status})

    def handle(self, method, path, query, headers, body):
        if headers.get("x-ql-key") != self.token:
            raise Refused(401, "Not authorised.")
        if method == "POST" and path == "/ql/api/repairs":
            for job_no, job in self.jobs.items():
                if job["ExternalRef"] == body["ExternalRef"]:
                    return 200, {"JobNo": job_no, "JobStatus": job["JobStatus"]}
            job_no = f"R{len(self.jobs) + 1:06d}"
            self.jobs[job_no] = {**body, "JobStatus": "RAISED"}
            return 201, {"JobNo": job_no, "JobStatus": "RAISED"}
        if method == "GET" and path == "/ql/api/repairs/events":
            after = int(query.get("after", 0))
            return 200, {"Events": [e for e in self.events if e["EventId"] > after]}
        if method == "POST" and path.startswith("/ql/api/repairs/") and path.endswith("/status"):
            job_no = path.removeprefix("/ql/api/repairs/").removesuffix("/status")
            self._set_status(job_no, (body or {}).get("JobStatus", ""))
            return 200, self.jobs[job_no]
        raise Refused(404, "Not found.")
