"""The one way OpenCEX puts work on the background queue, so that a job and the write that caused
it are committed together or not at all."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult
from django_tasks_db.backend import DatabaseBackend

logger = logging.getLogger(__name__)


def is_transactional(backend: BaseTaskBackend) -> bool:
    """Does enqueueing on this backend write to our own database, inside the open transaction?"""
    return isinstance(backend, DatabaseBackend)


def enqueue(task: Task, *args: Any, **kwargs: Any) -> TaskResult | None:
    """Queue `task(*args, **kwargs)` to run if, and only if, the caller's transaction commits.

    Call it from inside the service's transaction, right beside the write that needs the job.

    With the database backend (what we run) the job is a row in the same database, so we insert it
    at once, inside the caller's transaction: the job row commits or rolls back with the write
    that caused it. That is an outbox. A job cannot be lost between a commit and a separate
    enqueue (a crash, a broker outage), and a job enqueued in a transaction that rolls back never
    exists, so it never runs. The worker cannot see the row before the commit either, so it never
    works on data that is not there yet. The result is returned, as from `Task.enqueue`.

    With a backend that lives outside the database (an RQ or Redis scale-out, or django-tasks'
    immediate backend) there is no such guarantee, and enqueueing inside the transaction would
    let the worker start before the commit, or run a job whose write was rolled back. So we wait
    for the commit (`transaction.on_commit`) and return None. The task is checked against the
    backend now, so that a mistake shows at the call site rather than after the commit. If the
    broker then fails, the write stays committed and the lost job is logged as an error: the
    price of a queue outside the database.
    """
    backend = task.get_backend()
    if is_transactional(backend):
        return task.enqueue(*args, **kwargs)

    backend.validate_task(task)

    def enqueue_after_commit() -> None:
        try:
            task.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("Could not enqueue %s after commit; the job is lost", task.module_path)
            raise

    transaction.on_commit(enqueue_after_commit, robust=True)
    return None
