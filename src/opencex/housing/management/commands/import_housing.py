"""`opencex import_housing KIND FILE`: import the housing management system's records of one
kind from a CSV file (or, with --from-system, from the system itself), and say what it did."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencex.housing.importing import COLUMNS, RowProblem, csv_rows, import_rows
from opencex.housing.models import ImportSource
from opencex.housing.system import HousingSystemError, housing_system


class Command(BaseCommand):
    help = (
        "Import tenancies, tenants, rent transactions, repairs or appointment slots from the "
        "housing management system: a CSV file, or --from-system. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(COLUMNS))
        parser.add_argument("file", nargs="?", help="A CSV file with a header line.")
        parser.add_argument(
            "--from-system",
            action="store_true",
            help="Read the records from the housing system (OPENCEX_HOUSING_SYSTEM_URL or _DIR).",
        )

    def handle(self, *args, kind: str, file: str | None, from_system: bool, **options):
        if bool(file) == from_system:
            raise CommandError("Give a CSV FILE or --from-system (one of them).")
        try:
            if from_system:
                rows, source, name = housing_system().rows(kind), ImportSource.SYSTEM, ""
            else:
                path = Path(file or "")
                text = path.read_text(encoding="utf-8-sig")
                rows, source, name = csv_rows(text, kind), ImportSource.CSV, path.name
        except (OSError, UnicodeDecodeError, HousingSystemError, RowProblem) as error:
            raise CommandError(str(error)) from error
        # A command is run by whoever runs the server: the run is recorded with no officer.
        run = import_rows(actor=None, kind=kind, rows=rows, source=source, file_name=name)
        self.stdout.write(
            f"{kind}: {run.created} created, {run.updated} updated, {run.unchanged} unchanged, "
            f"{len(run.errors)} refused, {len(run.unmatched)} unmatched."
        )
        for problem in run.errors:
            self.stdout.write(f"  line {problem['line']}: {problem['message']}")
        for problem in run.unmatched:
            self.stdout.write(f"  line {problem['line']} (unmatched): {problem['message']}")
        if run.errors:
            raise CommandError(f"{len(run.errors)} row(s) refused; the other rows were imported.")
