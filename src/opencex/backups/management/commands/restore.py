"""`opencex restore <file>`: put a backup into a new, empty database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.backups.dumps import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `opencex backup` into the configured database, which must be "
        "new and empty. On PostgreSQL run it as the migration role, then `opencex grant_app_role`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {file}.")
