"""`opencex import_calls FILE`: import the telephony system's hourly call figures from a CSV
file (or, with --from-system, from its reporting API), and say what it did."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencex.telephony.importing import RowProblem, csv_rows, import_calls
from opencex.telephony.models import ImportSource
from opencex.telephony.system import TelephonySystemError, telephony_system


class Command(BaseCommand):
    help = (
        "Import hourly call figures per line (offered, answered, abandoned, answered within the "
        "service level, wait and handling times): a CSV file, or --from-system. Importing an "
        "hour again replaces it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A CSV file with a header line.")
        parser.add_argument(
            "--from-system",
            action="store_true",
            help="Read the figures from the telephony system "
            "(OPENCEX_TELEPHONY_SYSTEM_URL or _DIR).",
        )

    def handle(self, *args, file: str | None, from_system: bool, **options):
        if bool(file) == from_system:
            raise CommandError("Give a CSV FILE or --from-system (one of them).")
        try:
            if from_system:
                rows, source, name = telephony_system().rows(), ImportSource.SYSTEM, ""
            else:
                path = Path(file or "")
                rows = csv_rows(path.read_text(encoding="utf-8-sig"))
                source, name = ImportSource.CSV, path.name
        except (OSError, UnicodeDecodeError, TelephonySystemError, RowProblem) as error:
            raise CommandError(str(error)) from error
        # A command is run by whoever runs the server: the run is recorded with no officer.
        run = import_calls(actor=None, rows=rows, source=source, file_name=name)
        self.stdout.write(
            f"Calls: {run.rows_read} rows read, {run.rows_stored} stored, "
            f"{run.rows_refused} refused."
        )
        for problem in run.refused:
            self.stdout.write(f"  line {problem['line']}: {problem['message']}")
        if run.refused:
            raise CommandError(f"{run.rows_refused} row(s) refused; the other rows were stored.")
