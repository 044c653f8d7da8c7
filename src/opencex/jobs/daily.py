"""Jobs that run once a day at a set London time: when the next run is, starting one exactly once,
and the management command that runs one now or starts it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus

from opencex.jobs.queue import enqueue


def next_daily_run(now: datetime, at: time) -> datetime:
    """The next moment, from `now`, that the London clock reads `at`."""
    today = timezone.localtime(now).date()
    run = timezone.make_aware(datetime.combine(today, at))
    return run if run > now else timezone.make_aware(datetime.combine(today + timedelta(1), at))


def queue_next_run(task: Task, at: time) -> datetime:
    """Queue `task` for its next daily run (a daily task calls this for tomorrow's run)."""
    run_after = next_daily_run(timezone.now(), at)
    with transaction.atomic():
        enqueue(task.using(run_after=run_after))
    return run_after


def is_scheduled(task: Task) -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


@transaction.atomic
def schedule_daily(task: Task, at: time) -> datetime | None:
    """Start a daily task; None if it is already waiting to run, so a second start is a no-op."""
    if is_scheduled(task):
        return None
    return queue_next_run(task, at)


class DailyJobCommand(BaseCommand):
    """`opencex <command>` runs the job now; `--every-day` starts its daily run instead.

    A subclass names `what` ("The daily reminders") and gives `run_now(today)` (returning a
    sentence about what it did) and `schedule()` (returning the first run, or None)."""

    what = "The daily job"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every-day",
            action="store_true",
            help="Queue the daily job for the worker (does nothing if it is already queued).",
        )
        parser.add_argument(
            "--today", type=date.fromisoformat, help="Act as if today were this ISO date."
        )

    def run_now(self, today: date | None) -> str:
        raise NotImplementedError

    def schedule(self) -> datetime | None:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["every_day"]:
            self.stdout.write(self.run_now(options["today"]))
            return
        run_after = self.schedule()
        if run_after is None:
            self.stdout.write(f"{self.what}: already scheduled.")
        else:
            self.stdout.write(f"{self.what}: first run at {run_after:%Y-%m-%d %H:%M %Z}.")
