"""`opencex worker`: the database worker, on every queue, with db_worker's flags passed through."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.jobs.queue import enqueue
from tests.jobs.tasks import RUNS, record

TWO_QUEUES = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


@pytest.mark.django_db(transaction=True)
def test_worker_runs_jobs_on_every_queue(run_jobs, settings):
    settings.TASKS = TWO_QUEUES
    enqueue(record, "default queue")
    enqueue(record.using(queue_name="notifications"), "notifications queue")

    run_jobs(command="worker")

    assert sorted(RUNS) == [("default queue", 1), ("notifications queue", 1)]


@pytest.mark.django_db(transaction=True)
def test_worker_passes_db_worker_flags_through(run_jobs):
    enqueue(record, "first")
    enqueue(record, "second")

    run_jobs(command="worker", max_tasks=1)

    assert len(RUNS) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
