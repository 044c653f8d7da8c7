"""`opencex score_sentiment`: read residents' new comments, complaints, page feedback and
satisfaction comments for sentiment and themes (only texts not read yet)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.management.base import CommandParser

from opencex.jobs.daily import DailyJobCommand
from opencex.sentiment import services


class Command(DailyJobCommand):
    help = (
        "Read residents' texts that have no sentiment reading yet (comments, complaints, page "
        "feedback, satisfaction comments). Safe to run often: each text is read once. "
        "--rescore also rereads texts read by an older analyser version. With --every-day, "
        "queue a daily job instead."
    )
    what = "The daily sentiment reading"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--rescore",
            action="store_true",
            help="Also reread texts whose reading was made by an older analyser version.",
        )

    def handle(self, *args, **options):
        self._rescore = options["rescore"]
        super().handle(*args, **options)

    def run_now(self, today: date | None) -> str:
        return str(services.score_new_texts(rescore=self._rescore))

    def schedule(self) -> datetime | None:
        return services.schedule_every_day()
