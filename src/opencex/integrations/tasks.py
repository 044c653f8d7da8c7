"""The integrations' jobs: thin and idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from opencex.jobs.queue import enqueue
from opencex.jobs.retries import task_with_retries


@task_with_retries(max_attempts=8)
def send_case_to_back_office(event_id: int, *, attempt: int = 1) -> None:
    from opencex.integrations.services import send_case_to_back_office as send

    send(event_id=event_id)


@task()
def poll_back_offices(every_seconds: int = 0) -> None:
    """Take every routed system's status changes; then, if started to repeat, queue the next
    poll (a back office that does not answer is tried again then)."""
    from opencex.integrations.backoffice import BackOfficeUnavailable
    from opencex.integrations.models import BackOfficeRoute
    from opencex.integrations.services import take_status_changes

    try:
        for system in sorted(set(BackOfficeRoute.objects.values_list("system", flat=True))):
            try:
                take_status_changes(system=system)
            except BackOfficeUnavailable:
                if not every_seconds:
                    raise
    finally:
        if every_seconds:
            with transaction.atomic():
                enqueue(
                    poll_back_offices.using(
                        run_after=timezone.now() + timedelta(seconds=every_seconds)
                    ),
                    every_seconds,
                )
