"""`opencex directory_import PATH`: create or update entries from Open Referral UK JSON or CSV."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencex.directory import openreferral
from opencex.directory.services import save_directory_entries


class Command(BaseCommand):
    help = "Import Open Referral UK JSON (or a services CSV for .csv); matched by ORUK id."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            if path.suffix.lower() == ".csv":
                with path.open(encoding="utf-8", newline="") as stream:
                    entries = openreferral.entries_from_csv(stream)
            else:
                entries = openreferral.entries_from_json(
                    json.loads(path.read_text(encoding="utf-8"))
                )
        except FileNotFoundError as error:
            raise CommandError(f"There is no file at {path}") from error
        except (json.JSONDecodeError, openreferral.OpenReferralError, ValueError) as error:
            raise CommandError(f"{path} is not Open Referral UK: {error}") from error
        report = save_directory_entries(entries)
        self.stdout.write(f"Directory import from {path}: {report}.")
