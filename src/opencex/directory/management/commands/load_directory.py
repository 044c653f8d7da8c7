"""`opencex load_directory`: load the demo community directory (running it again is harmless)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from opencex.directory.services import load_demo_directory


class Command(BaseCommand):
    help = "Load the demo community directory entries (marked as demo data); idempotent."

    def handle(self, *args, **options):
        report = load_demo_directory()
        self.stdout.write(f"Directory (demo data): {report}.")
