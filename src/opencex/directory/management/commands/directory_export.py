"""`opencex directory_export PATH`: the directory as Open Referral UK JSON, or CSV for .csv."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from opencex.directory import openreferral


class Command(BaseCommand):
    help = "Export the community directory as Open Referral UK JSON (or a services CSV for .csv)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8", newline="") as stream:
                count = openreferral.export_csv(stream)
        else:
            data = openreferral.export_json()
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            count = data["totalElements"]
        self.stdout.write(f"Exported {count} directory services to {path}.")
