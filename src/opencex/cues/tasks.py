"""The urgency cues' job: thin and idempotent."""

from __future__ import annotations

from opencex.jobs.retries import task_with_retries


@task_with_retries(max_attempts=5)
def look_for_cues_in_new_case(event_id: int, *, attempt: int = 1) -> None:
    from opencex.cues.services import look_for_cues_in_event

    look_for_cues_in_event(event_id=event_id)
