"""Retries with backoff for background tasks: django-tasks-db's worker runs each job only once."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from opencex.jobs.queue import enqueue

logger = logging.getLogger(__name__)

BACKOFF_STEPS = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    timedelta(hours=2),
)


def standard_backoff(attempt: int) -> timedelta:
    """How long to wait after failed attempt `attempt` (1, 2, ...): 30s, 2m, 10m, 30m, then 2h."""
    return BACKOFF_STEPS[min(attempt, len(BACKOFF_STEPS)) - 1]


def task_with_retries(
    *,
    max_attempts: int,
    backoff: Callable[[int], timedelta] = standard_backoff,
    give_up_on: tuple[type[BaseException], ...] = (),
    **task_options: Any,
) -> Callable[[Callable[..., Any]], Task]:
    """Make a django-tasks task that runs again, later, when its body raises.

    The function must take a keyword argument `attempt` (1 for the first run). When it raises,
    the failure stays recorded on the job's row (the worker marks it FAILED with the traceback), a
    fresh job is enqueued with `attempt + 1` and `run_after = now + backoff(attempt)`, and the
    error is raised again. After `max_attempts`, or at once for an exception in `give_up_on` (an
    error that waiting will not cure, such as a rejected address), it gives up and logs an error.

        @task_with_retries(max_attempts=5)
        def send_notification(notification_id: int, *, attempt: int = 1) -> None: ...

        enqueue(send_notification, notification.pk)
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be 1 or more")

    def decorate(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def run(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
            try:
                return func(*args, attempt=attempt, **kwargs)
            except give_up_on:
                logger.error(
                    "%s failed on attempt %d with an error that retrying cannot cure; giving up",
                    the_task.module_path,
                    attempt,
                )
                raise
            except Exception as error:
                _schedule_retry(the_task, args, kwargs, attempt, max_attempts, backoff, error)
                raise

        the_task = task(**task_options)(run)
        return the_task

    return decorate


def _schedule_retry(
    the_task: Task,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    attempt: int,
    max_attempts: int,
    backoff: Callable[[int], timedelta],
    error: Exception,
) -> None:
    name = the_task.module_path
    if attempt >= max_attempts:
        logger.error(
            "%s failed on attempt %d of %d; giving up: %s", name, attempt, max_attempts, error
        )
        return
    if not the_task.get_backend().supports_defer:
        logger.error("%s failed; its backend cannot run a job later, so no retry: %s", name, error)
        return
    run_after = timezone.now() + backoff(attempt)
    enqueue(the_task.using(run_after=run_after), *args, attempt=attempt + 1, **kwargs)
    logger.warning(
        "%s failed on attempt %d of %d (%s); trying again after %s",
        name,
        attempt,
        max_attempts,
        error,
        run_after.isoformat(),
    )
