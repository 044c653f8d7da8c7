"""task_with_retries: a failing job runs again later, with the next attempt, up to a limit."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.jobs.queue import enqueue
from opencex.jobs.retries import standard_backoff
from tests.jobs.tasks import RUNS, always_fails, fails_for_good, fails_once


def make_retries_due() -> None:
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def waiting_retries():
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY)


def test_standard_backoff_grows_then_levels_off():
    waits = [standard_backoff(attempt) for attempt in range(1, 7)]

    assert waits == [
        timedelta(seconds=30),
        timedelta(minutes=2),
        timedelta(minutes=10),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=2),
    ]


@pytest.mark.django_db(transaction=True)
def test_failed_job_is_recorded_and_retried_later_with_the_next_attempt(run_jobs):
    enqueue(always_fails, "report")
    before = timezone.now()

    run_jobs()

    first = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert first.exception_class_path == "builtins.RuntimeError"
    assert "report failed on attempt 1" in first.traceback
    retry = waiting_retries().get()
    assert retry.task_path == "tests.jobs.tasks.always_fails"
    assert retry.args_kwargs == {"args": ["report"], "kwargs": {"attempt": 2}}
    assert before + timedelta(seconds=29) < retry.run_after < timezone.now() + timedelta(seconds=31)
    assert RUNS == [("report", 1)]


@pytest.mark.django_db(transaction=True)
def test_retry_does_not_run_before_its_time(run_jobs):
    enqueue(always_fails, "report")
    run_jobs()

    run_jobs()

    assert RUNS == [("report", 1)]
    assert waiting_retries().count() == 1


@pytest.mark.django_db(transaction=True)
def test_job_that_fails_once_succeeds_on_its_retry(run_jobs):
    enqueue(fails_once, "flaky")
    run_jobs()

    make_retries_due()
    run_jobs()

    assert RUNS == [("flaky", 1), ("flaky", 2)]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    assert not waiting_retries().exists()


@pytest.mark.django_db(transaction=True)
def test_retries_stop_after_max_attempts_with_an_error_logged(run_jobs, caplog):
    enqueue(always_fails, "doomed")
    run_jobs()
    for _ in range(5):
        make_retries_due()
        run_jobs()

    assert RUNS == [("doomed", 1), ("doomed", 2), ("doomed", 3)]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 3
    assert not waiting_retries().exists()
    assert any(
        record.levelno == logging.ERROR and "attempt 3 of 3; giving up" in record.getMessage()
        for record in caplog.records
    )


@pytest.mark.django_db(transaction=True)
def test_error_that_retrying_cannot_cure_is_not_retried(run_jobs, caplog):
    enqueue(fails_for_good, "rejected")

    run_jobs()

    assert RUNS == [("rejected", 1)]
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert "retrying cannot cure" in caplog.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("immediate_backend")
def test_backend_that_cannot_run_jobs_later_gets_no_retry(caplog):
    enqueue(always_fails, "immediate")

    assert RUNS == [("immediate", 1)]
    assert "cannot run a job later, so no retry" in caplog.text
