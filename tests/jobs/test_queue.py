"""jobs.enqueue: a job commits or rolls back with the write that caused it."""

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.jobs.queue import enqueue
from tests.jobs.tasks import RUNS, record


@pytest.mark.django_db(transaction=True)
def test_job_enqueued_in_a_rolled_back_transaction_is_never_stored_or_run(run_jobs):
    with transaction.atomic():
        enqueue(record, "rolled back")
        transaction.set_rollback(True)

    run_jobs()

    assert not DBTaskResult.objects.exists()
    assert RUNS == []


@pytest.mark.django_db(transaction=True)
def test_job_enqueued_in_a_committed_transaction_is_stored_and_run_by_the_worker(run_jobs):
    with transaction.atomic():
        result = enqueue(record, "committed")

    stored = DBTaskResult.objects.get()
    assert str(stored.id) == result.id
    assert stored.status == TaskResultStatus.READY
    assert RUNS == []

    run_jobs()

    stored.refresh_from_db()
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert RUNS == [("committed", 1)]


@pytest.mark.django_db
def test_database_job_is_written_at_once_inside_the_callers_transaction():
    with transaction.atomic():
        enqueue(record, "in the transaction")
        assert DBTaskResult.objects.filter(task_path="tests.jobs.tasks.record").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("immediate_backend")
def test_job_on_a_backend_outside_the_database_waits_for_the_commit():
    with transaction.atomic():
        assert enqueue(record, "after commit") is None
        assert RUNS == []

    assert RUNS == [("after commit", 1)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("immediate_backend")
def test_job_on_a_backend_outside_the_database_never_runs_if_rolled_back():
    with transaction.atomic():
        enqueue(record, "rolled back")
        transaction.set_rollback(True)

    assert RUNS == []
