"""`opencex generate_volume`: millions of cases and contacts in PostgreSQL for the insight
bench (docs/insight-scale.md)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from opencex.insight.volume import VolumeError, generate_volume


class Command(BaseCommand):
    help = (
        "Write N generated cases and M contacts (with residents and ratings) into this "
        "PostgreSQL database with COPY, for measuring the insight figures at volume."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=2_000_000)
        parser.add_argument("--contacts", type=int, default=5_000_000)
        parser.add_argument("--seed", type=int, default=14)
        parser.add_argument("--years", type=float, default=2.5, help="Spread over this many.")
        parser.add_argument(
            "--until", type=date.fromisoformat, default=None, help="The last day (today)."
        )
        parser.add_argument(
            "--into-an-empty-or-bench-database",
            action="store_true",
            dest="forced",
            help=(
                "Write even though the database holds cases the generator did not make; also "
                "needs OPENCEX_ALLOW_VOLUME_GENERATION=1. Never on a council's live database."
            ),
        )

    def handle(self, *args, cases, contacts, seed, years, until, forced, **options):
        try:
            report = generate_volume(
                cases=cases,
                contacts=contacts,
                seed=seed,
                years=years,
                until=until,
                say=self.stdout.write,
                forced=forced,
            )
        except VolumeError as error:
            raise CommandError(str(error)) from error
        made = ", ".join(f"{n:,} {name}" for name, n in report.counts.items())
        self.stdout.write(f"Generated {made} in {report.total_seconds:.1f} s (seed {seed}).")
