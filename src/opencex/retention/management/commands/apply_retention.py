"""`opencex apply_retention`: apply the council's retention schedule now (or `--dry-run` to see
what it would remove), or start its daily run with `--every-day`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser

from opencex.jobs.daily import DailyJobCommand
from opencex.retention import runs


class Command(DailyJobCommand):
    help = (
        "Anonymise the cases and residents, and delete the records, whose time under the council "
        "profile's [retention] schedule is up, and put special-category entries due for review "
        "on information governance's list. Run it with --dry-run first: that prints what would "
        "go, per schedule, with the oldest, and writes nothing. Safe to run often: what is gone "
        "is not counted again. With --every-day, instead queue a nightly job for the worker."
    )
    what = "The nightly retention run"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be anonymised or deleted, and write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.dry_run = options["dry_run"]
        if self.dry_run and options["every_day"]:
            raise CommandError("A dry run runs now: leave out --every-day.")
        super().handle(*args, **options)

    def run_now(self, today: date | None) -> str:
        return str(runs.apply_retention(today, dry_run=self.dry_run))

    def schedule(self) -> datetime | None:
        return runs.schedule_every_day()
