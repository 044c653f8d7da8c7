"""Which task workers are alive: each writes its heartbeat here, and a task claimed by a worker
whose heartbeat has stopped is given to another (see jobs.worker)."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per running `opencex worker` process, touched every few seconds while it lives.

    django-tasks-db records the worker's id on each task it claims (`worker_ids`, one entry per
    claim); a running task whose last worker has not been seen for a lease is abandoned."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.hostname} (pid {self.pid})"
