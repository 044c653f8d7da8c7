"""Health checks as django-health-check backends: the task queue's age (added to the library's
database, cache and mail checks by `views.readiness`)."""

from __future__ import annotations

import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django import db
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from opencex.server import taskqueue


@dataclasses.dataclass
class TaskQueueAge(HealthCheck):
    """Unhealthy when a task due to run has waited longer than `max_wait` for a worker: the
    workers are down, stuck or too few, and residents' messages are not going out."""

    max_wait: datetime.timedelta = datetime.timedelta(minutes=5)

    async def run(self) -> None:
        # On the request's own thread, so that it reuses the web worker's database connection.
        wait = await sync_to_async(self._oldest_wait, thread_sensitive=True)()
        if wait > self.max_wait:
            raise ServiceUnavailable(
                f"A task due has waited {int(wait.total_seconds())} s for a worker "
                f"(limit {int(self.max_wait.total_seconds())} s)"
            )

    def _oldest_wait(self) -> datetime.timedelta:
        try:
            return taskqueue.oldest_wait()
        except db.Error as error:
            raise ServiceUnavailable("Database unavailable") from error
