"""Tasks for the jobs tests; each records its runs in RUNS so a test can see whether it ran."""

from __future__ import annotations

from django_tasks import task

from opencex.jobs.retries import task_with_retries

RUNS: list[tuple[str, int]] = []


class Unfixable(Exception):
    pass


@task()
def record(label: str) -> None:
    RUNS.append((label, 1))


@task_with_retries(max_attempts=3)
def always_fails(label: str, *, attempt: int) -> None:
    RUNS.append((label, attempt))
    raise RuntimeError(f"{label} failed on attempt {attempt}")


@task_with_retries(max_attempts=3)
def fails_once(label: str, *, attempt: int) -> None:
    RUNS.append((label, attempt))
    if attempt == 1:
        raise RuntimeError(f"{label} failed on attempt {attempt}")


@task_with_retries(max_attempts=3, give_up_on=(Unfixable,))
def fails_for_good(label: str, *, attempt: int) -> None:
    RUNS.append((label, attempt))
    raise Unfixable(label)


@task()
def loses_the_connection_once(label: str) -> None:
    """Records its run, and the first time cuts its database connection under Django's feet, as
    a terminated backend or a network failure would: the worker cannot record the outcome."""
    from django.db import connection

    RUNS.append((label, 1))
    if len(RUNS) == 1:
        connection.connection.close()


@task()
def asks_to_stop(label: str) -> None:
    """Records its run, then sends its own worker SIGTERM, as systemd does on a stop."""
    import os
    import signal

    RUNS.append((label, 1))
    os.kill(os.getpid(), signal.SIGTERM)
