"""The routing suggestion's job for a new case: thin and idempotent."""

from __future__ import annotations

from opencex.jobs.retries import task_with_retries


@task_with_retries(max_attempts=5)
def suggest_routing_for_new_case(event_id: int, *, attempt: int = 1) -> None:
    from opencex.textrouting.services import suggest_routing_in_event

    suggest_routing_in_event(event_id=event_id)
