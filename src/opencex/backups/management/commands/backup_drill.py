"""`opencex backup_drill`: prove a backup restores, by doing it."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from opencex.backups.dumps import BackupError, drill


class Command(BaseCommand):
    help = (
        "Back up the database, restore the backup into a fresh database, and compare the rows "
        "in every table; prints the counts and fails on any difference. The fresh database (a "
        "throwaway PostgreSQL database, or a temporary SQLite file) is removed afterwards."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = drill()
        except BackupError as error:
            raise CommandError(str(error)) from error
        width = max((len(table) for table in result.tables), default=5)
        self.stdout.write(f"{'table':{width}}  {'backed up':>10}  {'restored':>10}")
        for table in result.tables:
            original, restored = result.original.get(table), result.restored.get(table)
            mark = "" if original == restored else "  DIFFERS"
            self.stdout.write(
                f"{table:{width}}  {_count(original):>10}  {_count(restored):>10}{mark}"
            )
        total = sum(result.original.values())
        if result.differences:
            raise CommandError(
                f"The restored copy differs in {len(result.differences)} table(s): "
                + ", ".join(result.differences)
            )
        self.stdout.write(
            f"Restored {len(result.tables)} tables and {total:,} rows from a "
            f"{result.backup_bytes:,}-byte backup: every count matches."
        )


def _count(value: int | None) -> str:
    return "missing" if value is None else f"{value:,}"
