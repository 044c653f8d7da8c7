"""`opencex rebuild_insight_rollups`: count the insight figures' daily rollups again from every
case and contact (docs/insight-scale.md)."""

import time

from django.core.management.base import BaseCommand

from opencex.insight import rollups


class Command(BaseCommand):
    help = "Recount the daily rollups of cases and contacts from the rows (PostgreSQL only)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        rollups.recount()
        self.stdout.write(
            f"Recounted the insight rollups in {time.perf_counter() - started:.1f} s."
        )
