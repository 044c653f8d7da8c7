"""`opencex backup <file>`: a consistent copy of the whole database, taken while it runs."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.backups.dumps import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to a file: pg_dump's custom format on PostgreSQL (restore "
        "with `opencex restore`), SQLite's online backup on SQLite. Safe while the service runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {file} ({file.stat().st_size:,} bytes).")
