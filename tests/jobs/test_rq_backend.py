"""The scale-out queue: django-tasks-rq on a real Redis, run by a real RQ worker. `enqueue` waits
for the commit, so a rolled-back change queues nothing and a worker never runs ahead of the data.

Needs Redis: OPENCEX_TEST_REDIS_URL, default redis://127.0.0.1:6379/3 (skipped if none answers).
"""

import os

import django_rq
import pytest
from django.db import transaction
from django_tasks_rq.backend import Job
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import SimpleWorker

from opencex.jobs.queue import enqueue
from tests.jobs.tasks import RUNS, record

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("OPENCEX_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


class RolledBack(Exception):
    pass


@pytest.fixture
def rq_queue(settings):
    redis = Redis.from_url(REDIS_URL)
    try:
        redis.ping()
    except RedisConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    redis.flushdb()
    # What OPENCEX_TASK_BACKEND=rq sets in settings.py.
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    yield django_rq.get_queue("default", job_class=Job)
    redis.flushdb()


def run_rq_worker_until_empty() -> None:
    worker = django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker)
    worker.work(burst=True)


def test_a_job_enqueued_in_a_transaction_reaches_redis_at_commit_and_an_rq_worker_runs_it(
    rq_queue,
):
    with transaction.atomic():
        enqueue(record, "on rq")
        assert rq_queue.count == 0  # not before the commit

    assert rq_queue.count == 1
    run_rq_worker_until_empty()

    assert RUNS == [("on rq", 1)]
    assert rq_queue.count == 0
    [job_id] = rq_queue.finished_job_registry.get_job_ids()
    assert Job.fetch(job_id, connection=rq_queue.connection).is_finished


def test_a_rolled_back_transaction_enqueues_nothing_on_rq(rq_queue):
    def change_that_fails() -> None:
        with transaction.atomic():
            enqueue(record, "never")
            raise RolledBack

    with pytest.raises(RolledBack):
        change_that_fails()

    run_rq_worker_until_empty()

    assert rq_queue.count == 0
    assert RUNS == []
