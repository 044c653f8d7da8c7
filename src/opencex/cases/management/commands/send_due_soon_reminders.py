"""`opencex send_due_soon_reminders`: tell residents whose request is about to be late."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opencex.cases import reminders


class Command(BaseCommand):
    help = (
        "Tell residents whose request is due within one working day the new expected date. "
        "Safe to run often: each case is told once per due date. With --every-day, instead "
        "queue a daily job that the worker runs each morning (run it once after deploying)."
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
            run_after = reminders.schedule_every_day()
            if run_after is None:
                self.stdout.write("The daily reminders are already scheduled.")
            else:
                self.stdout.write(
                    f"The daily reminders will first run at {run_after:%Y-%m-%d %H:%M %Z}."
                )
            return
        sent = reminders.send_due_soon_reminders(options["today"])
        self.stdout.write(f"Sent {sent} reminder(s).")
