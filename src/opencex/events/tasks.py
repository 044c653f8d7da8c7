"""The events app's jobs: thin and idempotent (a job may run twice; see docs/adr/0009)."""

from __future__ import annotations

from django_tasks import task


@task()
def fan_out_events() -> None:
    from opencex.events.fanout import fan_out

    fan_out()


@task()
def deliver_event(delivery_id: int) -> None:
    from opencex.events.delivery import deliver

    deliver(delivery_id)
