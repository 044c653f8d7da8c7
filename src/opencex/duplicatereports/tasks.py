"""The duplicate reports' jobs: thin and idempotent (a pair is proposed once)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from opencex.jobs.retries import task_with_retries


@task_with_retries(max_attempts=3)
def propose_for_new_case(event_id: int, *, attempt: int = 1) -> None:
    """A case.created event: keep the new report's place and propose it if it looks like an
    open report's job."""
    from opencex.cases.models import Case
    from opencex.duplicatereports.places import record_place
    from opencex.duplicatereports.services import propose_for
    from opencex.events.models import Event

    event = Event.objects.get(pk=event_id)
    case = Case.objects.select_related("property").filter(reference=event.subject_id).first()
    if case is None:
        return
    with transaction.atomic():
        record_place(case)
        propose_for(case)


@task()
def sweep_open_reports() -> None:
    """The daily sweep; queues tomorrow's run first, so a failure does not stop the next."""
    from opencex.duplicatereports.management.commands.propose_duplicate_reports import AT
    from opencex.duplicatereports.services import sweep
    from opencex.jobs.daily import queue_next_run

    queue_next_run(sweep_open_reports, AT)
    sweep()
