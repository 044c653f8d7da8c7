"""The task worker behind `opencex worker`: django-tasks-db's database worker, made to survive
dead workers and lost database connections.

django-tasks-db marks a task RUNNING when a worker claims it and nothing ever looks at it again:
a worker killed mid-task (SIGKILL, out of memory, a lost machine) leaves it RUNNING for ever, and
the worker itself exits on the first error from a dropped connection. Here:

- Each worker writes a heartbeat (jobs.WorkerHeartbeat) from a thread every quarter lease.
- Every worker sweeps now and then: a RUNNING task started more than a lease ago whose worker has
  not been seen for a lease goes back to READY, so another worker claims it. Each claim appends the
  worker's id to the row's `worker_ids`, which is therefore the count of attempts; a task
  abandoned `max_claims` times (one that kills its worker) is failed instead of retried for ever.
- A lost connection is logged, the connection dropped and the loop resumed after a capped
  exponential back-off. A task whose outcome could not be written for that reason is put back to
  READY by its own worker once the database is back.

Jobs are claimed several at a time (`tasks_per_claim`, one statement) and run one after another;
those that succeed are marked finished together once the batch is done, so a job costs no commits
of its own in the queue. A task may prepare for a batch of its jobs (opencex.jobs.batches).

So a task runs at least once, and can run twice (its worker was cut off longer than the lease, or
died after the task's effect but before recording it): tasks must be idempotent, and
notify.delivery is how sending a message stays exactly once.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
from collections import defaultdict
from contextlib import ExitStack
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.compat import TaskContext
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from opencex.jobs.batches import preparing
from opencex.jobs.connections import CONNECTION_ERRORS, Backoff, drop_database_connections
from opencex.jobs.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

ABANDONED_TOO_OFTEN = "opencex.jobs.worker.AbandonedTooOften"

# How many due jobs a worker claims at once. More means fewer commits per job, but a worker that
# dies leaves that many jobs waiting a lease (each counted as a claim), and one worker may hold
# work another idle worker could have taken. 20 jobs take well under a second to send.


def recover_abandoned_tasks(*, lease: timedelta, max_claims: int) -> int:
    """Give back to the queue every task whose worker stopped beating while running it; fail those
    abandoned `max_claims` times. Returns how many were given back or failed."""
    now = timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen_at__gte=now - lease).values_list(
            "worker_id", flat=True
        )
    )
    suspects = [
        row.pk
        for row in DBTaskResult.objects.running()
        .filter(started_at__lt=now - lease)
        .only("id", "worker_ids")
        if not row.worker_ids or row.worker_ids[-1] not in alive
    ]
    recovered = 0
    for pk in suspects:
        with transaction.atomic():
            row = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if row is None:
                continue
            recovered += 1
            if len(row.worker_ids) >= max_claims:
                _fail_as_abandoned(row)
                continue
            row.status = TaskResultStatus.READY
            row.save(update_fields=["status"])
        logger.warning(
            "Task %s (%s) was abandoned by worker %s; back in the queue (claimed %d times)",
            row.pk,
            row.task_path,
            row.worker_ids[-1] if row.worker_ids else "?",
            len(row.worker_ids),
        )
    return recovered


def _without_waiting_for_the_disk(alias: str) -> None:
    """On PostgreSQL, commit this transaction without waiting for its WAL to reach the disk.

    Only for claiming a task: if the server crashes within the moment before the WAL is flushed,
    the claim is lost and the task is simply READY again, which the lease would have done anyway.
    Every later synchronous commit flushes it too. It saves one disk flush per task."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _fail_as_abandoned(row: DBTaskResult) -> None:
    row.status = TaskResultStatus.FAILED
    row.finished_at = timezone.now()
    row.exception_class_path = ABANDONED_TOO_OFTEN
    row.traceback = (
        f"Claimed {len(row.worker_ids)} times by workers that stopped while running it "
        f"({', '.join(row.worker_ids)}); not trying again."
    )
    row.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
    logger.error("Task %s (%s): %s", row.pk, row.task_path, row.traceback)


class Heartbeat(threading.Thread):
    """Touches the worker's WorkerHeartbeat row every `every` seconds until stopped, on its own
    database connection; a failed beat is logged and tried again at the next one."""

    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "last_seen_at": timezone.now(),
            },
        )

    def run(self) -> None:
        while not self.stopping.wait(self.every):
            try:
                self.beat()
            except CONNECTION_ERRORS as error:
                logger.warning("Worker %s could not write its heartbeat: %s", self.worker_id, error)
                drop_database_connections()  # reconnect at the next beat; keep a good one

    def stop(self) -> None:
        self.stopping.set()


class Worker(DatabaseWorker):
    """django-tasks-db's worker loop with a heartbeat, the sweep, and reconnection."""

    def __init__(
        self,
        *,
        lease: timedelta,
        max_claims: int,
        tasks_per_claim: int | None = None,
        **options,
    ) -> None:
        super().__init__(**options)
        self.lease = lease
        self.max_claims = max_claims
        self.tasks_per_claim = tasks_per_claim or settings.OPENCEX_TASKS_PER_CLAIM
        self.sweep_every = lease.total_seconds() / 2
        self.next_sweep = 0.0
        self.may_hold_orphans = False
        self.backoff = Backoff()

    def run(self) -> None:
        logger.info(
            "Starting worker %s (queues %s, lease %ss)",
            self.worker_id,
            ",".join(self.queue_names),
            self.lease.total_seconds(),
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())
        heartbeat = Heartbeat(self.worker_id, every=self.lease.total_seconds() / 4)
        self._until_connected(heartbeat.beat)
        heartbeat.start()
        try:
            self._loop()
        finally:
            heartbeat.stop()
            self._leave(heartbeat)

    def _loop(self) -> None:
        while self.running:
            try:
                should_continue = self._step()
            except CONNECTION_ERRORS as error:
                self.may_hold_orphans = True
                drop_database_connections()
                delay = self.backoff.next_delay
                logger.warning(
                    "Worker %s lost the database (%s); reconnecting in %.1fs",
                    self.worker_id,
                    error,
                    delay,
                )
                self.backoff.wait()
                continue
            self.backoff.reset()
            if not should_continue:
                return

    def _step(self) -> bool:
        """Claim a batch of tasks and run it; False when the worker should stop (batch mode and
        nothing left, or max tasks run)."""
        if self.may_hold_orphans:
            self._release_orphans()
        if time.monotonic() >= self.next_sweep:
            recover_abandoned_tasks(lease=self.lease, max_claims=self.max_claims)
            self.next_sweep = time.monotonic() + self.sweep_every

        claimed, asked = self._claim_batch()
        if claimed:
            self._run_batch(claimed)
        if self.batch and asked and not claimed:
            logger.info("No more tasks for worker %s; exiting.", self.worker_id)
            return False
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            logger.info("Ran %d tasks on worker %s; exiting.", self._run_tasks, self.worker_id)
            return False
        if self.running and not claimed:
            # Idle: a fresh connection for the next look, as a request would get one; while
            # work is waiting the connection is kept, since reconnecting per task costs more than
            # the task's own queries.
            close_old_connections()
            time.sleep(self.interval)
        return True

    def _claim_batch(self) -> tuple[list[DBTaskResult], bool]:
        """Mark up to `tasks_per_claim` due tasks RUNNING for this worker in one transaction (two
        statements), skipping rows other workers hold; returns them, and whether the queue could
        be asked at all (SQLite may be busy)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        limit = self.tasks_per_claim
        if self.max_tasks is not None:
            limit = max(1, min(limit, self.max_tasks - self._run_tasks))
        try:
            with exclusive_transaction(tasks.db):
                _without_waiting_for_the_disk(tasks.db)
                claimed = list(tasks.select_for_update(skip_locked=True)[:limit])
                self._mark_running(claimed, using=tasks.db)
        except OperationalError as error:
            if is_locked_database_exception(error):
                return [], False  # SQLite busy: try again on the next turn
            raise
        return claimed, True

    def _mark_running(self, claimed: list[DBTaskResult], *, using: str) -> None:
        """RUNNING, started now, with this worker's id added to each row's `worker_ids`: one
        UPDATE for the rows that were claimed the same number of times before (nearly always all
        of them; bulk_update's CASE per row cost more than the rest of the claim)."""
        now = timezone.now()
        by_earlier_claims: dict[tuple[str, ...], list[DBTaskResult]] = defaultdict(list)
        for row in claimed:
            by_earlier_claims[tuple(row.worker_ids)].append(row)
        for earlier, rows in by_earlier_claims.items():
            worker_ids = [*earlier, self.worker_id]
            DBTaskResult.objects.using(using).filter(pk__in=[row.pk for row in rows]).update(
                status=TaskResultStatus.RUNNING, started_at=now, worker_ids=worker_ids
            )
            for row in rows:
                row.status = TaskResultStatus.RUNNING
                row.started_at = now
                row.worker_ids = worker_ids

    def _run_batch(self, claimed: list[DBTaskResult]) -> None:
        """Run the claimed tasks in order, then mark those that succeeded finished in one
        statement. A stop signal lets the task in hand finish; the rest go back to the queue
        (see _leave). If the database goes away, whatever is still RUNNING under our id is put
        back once it returns (_release_orphans): run again, which tasks must bear anyway."""
        self.running_task = True  # a first Ctrl+C or SIGTERM now waits for the task in hand
        succeeded: list[DBTaskResult] = []
        try:
            with self._prepared(claimed):
                for row in claimed:
                    if not self.running:
                        break
                    if self._run_one(row):
                        succeeded.append(row)
            self._record_successes(succeeded)
        finally:
            self.running_task = False

    def _prepared(self, claimed: list[DBTaskResult]) -> ExitStack:
        """Enter the preparer (opencex.jobs.batches) of each task with jobs in the batch."""
        calls: dict[str, list[tuple[list[Any], dict[str, Any]]]] = defaultdict(list)
        for row in claimed:
            calls[row.task_path].append((row.args_kwargs["args"], row.args_kwargs["kwargs"]))
        stack = ExitStack()
        for task_path, task_calls in calls.items():
            try:
                import_string(task_path)  # registers its preparer, if it has one
                stack.enter_context(preparing(task_path, task_calls))
            except CONNECTION_ERRORS:
                stack.close()
                raise
            except Exception:
                # Preparing only saves queries: the jobs can run without it (and a task that
                # cannot be imported fails on its own row).
                logger.exception("Could not prepare the batch of %s; running it as is", task_path)
        return stack

    def _run_one(self, row: DBTaskResult) -> bool:
        """Run one claimed task as django-tasks-db's worker does; True when it succeeded and is
        left for _record_successes. A failure is recorded at once, with its traceback."""
        try:
            task_result = row.task_result
            task = task_result.task
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            if task.takes_context:  # as django-tasks-db's own worker calls such a task
                return_value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                return_value = task.call(*task_result.args, **task_result.kwargs)
            if return_value is not None:
                # Rare: written on its own, inside the try so that a value JSON cannot hold is
                # recorded as the task's failure, as django-tasks-db does.
                row.set_successful(return_value)
                task_finished.send(sender=type(task.get_backend()), task_result=row.task_result)
                return False
            return True
        except BaseException as error:
            row.set_failed(error)
            try:
                task_finished.send(sender=type(row.task.get_backend()), task_result=row.task_result)
            except Exception:
                logger.exception("Task %s failed unexpectedly", row.pk)
            return False
        finally:
            self._run_tasks += 1

    def _record_successes(self, succeeded: list[DBTaskResult]) -> None:
        """Mark the batch's successful tasks finished in one statement. Committed without waiting
        for the disk on PostgreSQL: if the database crashed before writing it, the tasks would be
        RUNNING again and swept back to the queue after a lease, and each is idempotent (a
        notification's "sent" was committed, durably, before its task got here)."""
        if not succeeded:
            return
        now = timezone.now()
        database = succeeded[0]._state.db or "default"
        with transaction.atomic(using=database):
            _without_waiting_for_the_disk(database)
            DBTaskResult.objects.using(database).filter(
                pk__in=[row.pk for row in succeeded]
            ).update(
                status=TaskResultStatus.SUCCESSFUL,
                finished_at=now,
                return_value=None,
                exception_class_path="",
                traceback="",
            )
        for row in succeeded:
            row.status = TaskResultStatus.SUCCESSFUL
            row.finished_at = now
            task_result = row.task_result
            task_finished.send(sender=type(task_result.task.get_backend()), task_result=task_result)

    def _release_orphans(self) -> None:
        """Put back to READY the tasks this worker claimed but could not finish recording (the
        database went away under it), or claimed and never started (it was told to stop). Between
        batches it runs nothing, so any RUNNING task with its id last is one of those."""
        for row in DBTaskResult.objects.running().only("id", "worker_ids", "task_path"):
            if row.worker_ids and row.worker_ids[-1] == self.worker_id:
                DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.READY
                )
                logger.warning(
                    "Task %s (%s) lost its outcome with the connection; back in the queue",
                    row.pk,
                    row.task_path,
                )
        self.may_hold_orphans = False

    def _until_connected(self, action) -> None:
        while True:
            try:
                action()
                return
            except CONNECTION_ERRORS as error:
                drop_database_connections()
                logger.warning("Worker %s cannot reach the database (%s)", self.worker_id, error)
                self.backoff.wait()

    def _leave(self, heartbeat: Heartbeat) -> None:
        """On a clean exit: give back anything still held and forget our heartbeat, so that no
        task waits a lease for us. Best effort: a dead database just means waiting for the lease."""
        heartbeat.join(timeout=heartbeat.every + 1)
        try:
            self._release_orphans()
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except CONNECTION_ERRORS as error:
            logger.warning("Worker %s left without tidying up: %s", self.worker_id, error)
