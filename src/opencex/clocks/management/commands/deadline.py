"""`opencex deadline KIND RECEIVED`: print the due date of a clock started on RECEIVED (for
`hazard-emergency`, the date and time, UK local, of a clock started at RECEIVED "YYYY-MM-DD HH:MM").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.clocks.calendars import UK_TIME_ZONE, regional_calendar
from opencex.clocks.rules import (
    HOUR_KINDS,
    DeadlineKind,
    compute_deadline,
    compute_hour_deadline,
    parse_kind,
)

DEFAULT_HOLIDAY_REGION = ("ENG", "WLS")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MINUTE = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})")
_USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Print the due date (YYYY-MM-DD) of a clock of KIND started on RECEIVED, with no pauses. "
        "For complaint-stage1-response and complaint-stage2-response RECEIVED is the "
        "acknowledgement date; for hazard-investigation the day the council became aware; for "
        "hazard-summary and hazard-safety-work the day the investigation concluded. For "
        'hazard-emergency RECEIVED is a UK local time, "YYYY-MM-DD HH:MM", and the date and '
        "time by which the home must be made safe is printed."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help=f"one of: {', '.join(DeadlineKind)}")
        parser.add_argument(
            "received",
            help='the date of receipt, YYYY-MM-DD (UK local date); "YYYY-MM-DD HH:MM" for '
            "hazard-emergency",
        )
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
        if kind in HOUR_KINDS:
            self._print_hour_deadline(kind, options)
            return
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

    def _print_hour_deadline(self, kind: DeadlineKind, options: dict[str, Any]) -> None:
        if options["days"] is not None:
            raise CommandError("--days is only for a service-standard.", returncode=_USAGE_ERROR)
        deadline = compute_hour_deadline(kind, _parse_uk_moment(options["received"]))
        assert deadline.due_at is not None
        self.stdout.write(deadline.due_at.strftime("%Y-%m-%d %H:%M"))
        if options["explain"]:
            for line in deadline.explanation:
                self.stdout.write(line)


def _parse_uk_moment(value: str) -> datetime:
    """A "YYYY-MM-DD HH:MM" UK local time, or a one-line CommandError.

    A time the autumn change makes happen twice is read as its first occurrence, so the deadline
    is never later than the law allows; a time the spring change skips is read as the time before
    the change (GMT), as a clock not yet put forward shows it."""
    match = _ISO_MINUTE.fullmatch(value.strip())
    if not match:
        raise CommandError(
            f'RECEIVED must be a UK local date and time written "YYYY-MM-DD HH:MM", '
            f"e.g. 2026-12-24 21:30, not {value!r}.",
            returncode=_USAGE_ERROR,
        )
    day = _parse_date(match[1])
    hour, minute = int(match[2]), int(match[3])
    if hour > 23 or minute > 59:
        raise CommandError(
            f"RECEIVED {value!r} is not a real time of day: use 00:00 to 23:59.",
            returncode=_USAGE_ERROR,
        )
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UK_TIME_ZONE)


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
