"""`opencex lapse_unpaid_fees`: lapse FOI requests whose fee was not paid within three months."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opencex.inforights import lapsing


class Command(BaseCommand):
    help = (
        "Lapse FOI requests whose fees notice has gone unpaid for three months (FOIA s9(2)) and "
        "tell the requesters. Safe to run often. With --every-day, instead queue a daily job "
        "that the worker runs each morning (run it once after deploying)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every-day",
            action="store_true",
            help="Queue the daily job for the worker (does nothing if it is already queued).",
        )
        parser.add_argument(
            "--today", type=date.fromisoformat, help="Act as if today were this ISO date."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["every_day"]:
            run_after = lapsing.schedule_every_day()
            if run_after is None:
                self.stdout.write("The daily lapse run is already scheduled.")
            else:
                self.stdout.write(
                    f"The daily lapse run will first run at {run_after:%Y-%m-%d %H:%M %Z}."
                )
            return
        lapsed = lapsing.lapse_unpaid_fees(options["today"])
        self.stdout.write(f"Lapsed {lapsed} request(s).")
