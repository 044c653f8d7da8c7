"""`opencex worker` gives a task back to the queue when the worker running it dies, and lives
through a lost database connection."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.jobs.models import WorkerHeartbeat
from opencex.jobs.queue import enqueue
from opencex.jobs.worker import ABANDONED_TOO_OFTEN, recover_abandoned_tasks
from tests.jobs.tasks import RUNS, asks_to_stop, loses_the_connection_once, record

pytestmark = pytest.mark.django_db(transaction=True)

LEASE = timedelta(seconds=60)


def claimed_by(worker_ids: list[str], *, started: timedelta) -> DBTaskResult:
    """A task a worker claimed `started` ago and is (or was) running."""
    result = enqueue(record, "abandoned")
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        started_at=timezone.now() - started,
    )
    return DBTaskResult.objects.get(pk=result.id)


def heartbeat(worker_id: str, *, ago: timedelta) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, hostname="here", pid=1, started_at=now - ago, last_seen_at=now - ago
    )


def test_a_task_whose_worker_died_is_run_by_the_next_worker(run_jobs):
    task = claimed_by(["dead-worker"], started=timedelta(minutes=5))
    heartbeat("dead-worker", ago=timedelta(minutes=4))

    run_jobs(command="worker", lease=LEASE.total_seconds())

    task.refresh_from_db()
    assert RUNS == [("abandoned", 1)]
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2  # each claim is counted


def test_a_task_of_a_live_worker_is_left_to_it():
    task = claimed_by(["busy-worker"], started=timedelta(minutes=5))
    heartbeat("busy-worker", ago=timedelta(seconds=10))

    assert recover_abandoned_tasks(lease=LEASE, max_claims=5) == 0

    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_started_within_the_lease_is_left_alone_even_before_its_first_heartbeat():
    task = claimed_by(["new-worker"], started=timedelta(seconds=5))

    recover_abandoned_tasks(lease=LEASE, max_claims=5)

    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_that_killed_its_worker_too_often_is_failed_rather_than_run_again():
    task = claimed_by([f"worker-{n}" for n in range(5)], started=timedelta(minutes=5))

    recover_abandoned_tasks(lease=LEASE, max_claims=5)

    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == ABANDONED_TOO_OFTEN
    assert "Claimed 5 times" in task.traceback


def test_a_worker_that_stops_cleanly_leaves_no_heartbeat_behind(run_jobs):
    enqueue(record, "one")

    run_jobs(command="worker")

    assert RUNS == [("one", 1)]
    assert not WorkerHeartbeat.objects.exists()


def test_a_worker_stopped_mid_batch_finishes_its_task_and_gives_back_the_rest(run_jobs):
    stopping = enqueue(asks_to_stop, "stop")
    waiting = [enqueue(record, "later").id, enqueue(record, "later").id]

    run_jobs(command="worker", tasks_per_claim=3)

    assert RUNS == [("stop", 1)]
    assert DBTaskResult.objects.get(pk=stopping.id).status == TaskResultStatus.SUCCESSFUL
    assert [task.status for task in DBTaskResult.objects.filter(pk__in=waiting)] == [
        TaskResultStatus.READY
    ] * 2
    assert not WorkerHeartbeat.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="closes a PostgreSQL connection under the worker"
)
def test_a_worker_whose_connection_is_cut_mid_task_reconnects_and_runs_the_task_again(run_jobs):
    result = enqueue(loses_the_connection_once, "cut")

    run_jobs(command="worker")

    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert RUNS == [("cut", 1), ("cut", 1)]
