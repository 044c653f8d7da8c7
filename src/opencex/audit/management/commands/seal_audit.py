"""`opencex seal_audit`: chain the audit rows added or redacted since the last sealing."""

from datetime import datetime
from typing import Any

from opencex.audit import sealing
from opencex.jobs.daily import DailyJobCommand


class Command(DailyJobCommand):
    help = (
        "Seal the audit records (the timeline, the special-category access log) added or "
        "redacted since the last sealing into the tamper-evidence chain. Run it often (every few "
        "minutes from a timer): what is not sealed yet is not covered. With --every-day, queue a "
        "nightly sealing for the worker instead."
    )
    what = "The nightly audit sealing"

    def run_now(self, today: Any) -> str:
        return f"Sealed {sealing.seal_new_records()} audit records."

    def schedule(self) -> datetime | None:
        return sealing.schedule_every_day()
