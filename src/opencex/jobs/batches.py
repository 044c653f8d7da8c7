"""Letting a task get ready for a batch of its jobs at once.

`opencex worker` claims several due jobs in one statement and runs them one after another. A task
whose every run starts by reading one row (a notification) can read the whole batch's rows in one
query instead: it registers a preparer, which the worker enters around the batch. The jobs still
run one by one, each through the task's own code, so a job behaves the same whether it ran in a
batch or alone; the preparer only saves the round trips.

    @prepares_batch(send_notification)
    def read_notifications_ahead(calls: list[Call]) -> AbstractContextManager[None]: ...
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from django_tasks.base import Task

# One job's arguments: (args, kwargs), as stored on its row.
Call = tuple[list[Any], dict[str, Any]]
Preparer = Callable[[list[Call]], AbstractContextManager[None]]

_preparers: dict[str, Preparer] = {}


def prepares_batch(task: Task) -> Callable[[Preparer], Preparer]:
    """Register the decorated function as `task`'s preparer: called with the arguments of the
    batch's jobs of that task, it returns a context manager the worker holds while they run."""

    def register(preparer: Preparer) -> Preparer:
        _preparers[task.module_path] = preparer
        return preparer

    return register


def preparing(task_path: str, calls: list[Call]) -> AbstractContextManager[None]:
    """The preparer for the jobs of the task at `task_path`, or nothing to do."""
    preparer = _preparers.get(task_path)
    return preparer(calls) if preparer is not None else contextlib.nullcontext()
