"""`opencex deadline KIND RECEIVED`: print the due date of a clock started on RECEIVED."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.clocks.calendars import regional_calendar
from opencex.clocks.rules import DeadlineKind, compute_deadline, parse_kind

DEFAULT_HOLIDAY_REGION = ("ENG", "WLS")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Print the due date (YYYY-MM-DD) of a clock of KIND started on RECEIVED, with no pauses. "
        "For complaint-stage1-response and complaint-stage2-response RECEIVED is the "
        "acknowledgement date."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help=f"one of: {', '.join(DeadlineKind)}")
        parser.add_argument("received", help="the date of receipt, YYYY-MM-DD (UK local date)")
        parser.add_argument(
            "--days", type=int, default=None, help="working days of a service-standard"
        )
        parser.add_argument(
            "--explain", action="store_true", help="also print why, one reason a line"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kind = parse_kind(options["kind"])
        except ValueError as error:
            raise CommandError(str(error), returncode=_USAGE_ERROR) from None
        received = _parse_date(options["received"])
        days = options["days"]
        if kind is DeadlineKind.SERVICE_STANDARD and (days is None or days < 1):
            raise CommandError(
                "A service-standard needs --days N, its number of working days (1 or more).",
                returncode=_USAGE_ERROR,
            )
        if kind is not DeadlineKind.SERVICE_STANDARD and days is not None:
            raise CommandError("--days is only for a service-standard.", returncode=_USAGE_ERROR)
        try:
            region = regional_calendar(
                getattr(settings, "OPENCEX_HOLIDAY_REGION", DEFAULT_HOLIDAY_REGION)
            )
        except ValueError as error:
            raise CommandError(f"OPENCEX_HOLIDAY_REGION: {error}") from None
        deadline = compute_deadline(kind, received, standard_days=days, region=region)
        assert deadline.due is not None  # no pauses, so the clock is running
        self.stdout.write(deadline.due.isoformat())
        if options["explain"]:
            for line in deadline.explanation:
                self.stdout.write(line)


def _parse_date(value: str) -> date:
    """A YYYY-MM-DD date, or a one-line CommandError that says what is wrong with it."""
    if not _ISO_DATE.fullmatch(value):
        raise CommandError(
            f"RECEIVED must be a date written YYYY-MM-DD, e.g. 2025-04-11, not {value!r}.",
            returncode=_USAGE_ERROR,
        )
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"RECEIVED {value!r} is not a real date: {error}.", returncode=_USAGE_ERROR
        ) from None
