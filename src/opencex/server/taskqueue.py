"""How the background task queue stands: tasks due and waiting, and how long the oldest has
waited. Read from django-tasks-db's table by readiness (too old is not ready) and by metrics."""

from __future__ import annotations

import dataclasses
import datetime

from django.db.models import Case, Count, F, Min, When
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max


@dataclasses.dataclass(frozen=True)
class QueueState:
    queue_name: str
    tasks_due: int
    oldest_due_since: datetime.datetime

    def oldest_wait(self, now: datetime.datetime) -> datetime.timedelta:
        return max(now - self.oldest_due_since, datetime.timedelta(0))


def queues_with_tasks_due() -> list[QueueState]:
    """Each queue with tasks ready to run now: how many, and since when the oldest has been due
    (its `run_after` when it was deferred, e.g. a retry's back-off, else when it was enqueued).
    A task deferred to later is not waiting yet, so it neither counts nor ages the queue."""
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    rows = (
        DBTaskResult.objects.ready()
        .values("queue_name")
        .annotate(tasks_due=Count("id"), oldest_due_since=Min(due_since))
        .order_by("queue_name")
    )
    return [QueueState(**row) for row in rows]


def oldest_wait(now: datetime.datetime | None = None) -> datetime.timedelta:
    """How long the task that has waited longest for a worker has waited (zero when none)."""
    now = now or timezone.now()
    return max(
        (queue.oldest_wait(now) for queue in queues_with_tasks_due()),
        default=datetime.timedelta(0),
    )


def tasks_running() -> int:
    return DBTaskResult.objects.running().count()
