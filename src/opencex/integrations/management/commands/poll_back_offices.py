"""`opencex poll_back_offices`: take the back offices' status changes now, or `--every SECONDS`
to queue a poll that repeats itself on the worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opencex.integrations.models import BackOfficeRoute
from opencex.integrations.services import take_status_changes
from opencex.integrations.tasks import poll_back_offices
from opencex.jobs.daily import is_scheduled
from opencex.jobs.queue import enqueue


class Command(BaseCommand):
    help = "Take the back offices' status changes into the cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, metavar="SECONDS", help="Queue a poll that repeats on the worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every:
            if is_scheduled(poll_back_offices):
                self.stdout.write("The back-office poll is already queued.")
                return
            enqueue(poll_back_offices, every)
            self.stdout.write(f"The back offices will be polled every {every} seconds.")
            return
        for system in sorted(set(BackOfficeRoute.objects.values_list("system", flat=True))):
            applied = take_status_changes(system=system)
            self.stdout.write(f"{system}: {applied} status change(s) applied.")
