"""A task row as django-tasks-db stores one, written straight into its table: these tests are
about how the queue is read, not how a task is enqueued."""

from __future__ import annotations

import datetime as dt

from django_tasks_db.models import DBTaskResult, get_date_max


def task_row(
    *,
    enqueued_at: dt.datetime,
    run_after: dt.datetime | None = None,
    status: str = "READY",
    queue_name: str = "default",
) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": ["resident@example.org"], "kwargs": {}},
        priority=0,
        task_path="opencex.notify.tasks.send_notification",
        queue_name=queue_name,
        backend_name="default",
        run_after=run_after or get_date_max(),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=enqueued_at)
    return row
