"""`opencex worker`: the task worker on every queue, surviving dead workers and lost connections.

It takes every flag of django-tasks-db's `db_worker` (so existing units keep working), plus
`--lease`, `--max-claims` and `--tasks-per-claim` (see opencex.jobs.worker)."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from opencex.jobs.worker import Worker


class Command(DatabaseWorkerCommand):
    help = "Run the background task worker (all queues, checking every second when idle)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", interval=1)
        parser.add_argument(
            "--lease",
            type=float,
            default=settings.OPENCEX_TASK_LEASE_SECONDS,
            help="Seconds without a heartbeat after which a worker's running task is given to "
            "another worker (default: %(default)s, from OPENCEX_TASK_LEASE_SECONDS).",
        )
        parser.add_argument(
            "--max-claims",
            type=int,
            default=5,
            help="Fail a task, rather than run it again, once this many workers died running "
            "it (default: %(default)s).",
        )
        parser.add_argument(
            "--tasks-per-claim",
            type=int,
            default=settings.OPENCEX_TASKS_PER_CLAIM,
            help="How many due tasks to claim at once and run one after another: fewer commits "
            "per task; a worker that dies leaves that many to wait a lease (default: "
            "%(default)s, from OPENCEX_TASKS_PER_CLAIM).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        if options["lease"] <= 0 or options["max_claims"] < 1 or options["tasks_per_claim"] < 1:
            raise CommandError(
                "--lease must be positive, --max-claims and --tasks-per-claim at least 1"
            )
        reload = options["reload"] and not options["batch"]
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            lease=timedelta(seconds=options["lease"]),
            max_claims=options["max_claims"],
            tasks_per_claim=options["tasks_per_claim"],
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child runs tasks
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
