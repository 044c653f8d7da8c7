"""`opencex worker`: runs django-tasks-db's database worker on every queue by default."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(BaseCommand):
    help = "Run the background task worker (all queues, checking every second when idle)."

    def add_arguments(self, parser: CommandParser) -> None:
        # The same arguments as db_worker, so every one of its flags works here too.
        DatabaseWorkerCommand().add_arguments(parser)
        parser.set_defaults(queue_name="*", interval=1)

    def handle(self, *args: Any, **options: Any) -> None:
        options.pop("stdout", None)
        options.pop("stderr", None)
        call_command("db_worker", stdout=self.stdout, stderr=self.stderr, **options)
