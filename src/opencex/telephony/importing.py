"""Call figures by line and hour, validated row by row and stored by their natural key (the line
and the hour), so that importing the same hour again replaces it and never counts it twice.

Every source gives rows of text keyed by the columns in docs/telephony.md: a CSV file (`opencex
import_calls FILE`, or an upload on the staff telephony page) or the telephony system's reporting
API through `telephony.system`, which maps its JSON to the same rows. A row is refused whole, with
its line number and a sentence that names the column; nothing of a refused row is stored.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.telephony import policies
from opencex.telephony.lines import find_line, line_finder, sync_lines
from opencex.telephony.models import CallImport, CallInterval, ImportSource, TelephonyLine

Row = Mapping[str, str]

COLUMNS = (
    "interval_start",
    "line",
    "offered",
    "answered",
    "abandoned",
    "answered_in_target",
    "wait_seconds",
    "handling_seconds",
)
# The headings of common contact-centre exports (Genesys, Avaya, Mitel, Teams queue reports), by
# the column each means; compared without case, spaces or punctuation.
ALIASES = {
    "interval_start": ("interval", "intervalstart", "start", "starttime", "period", "datetime"),
    "line": ("queue", "queuename", "skill", "split", "huntgroup", "callqueue", "line", "linename"),
    "offered": ("offered", "callsoffered", "inbound", "presented", "callspresented"),
    "answered": ("answered", "callsanswered", "handled", "callshandled", "acdcalls"),
    "abandoned": ("abandoned", "callsabandoned", "abandons", "abncalls"),
    "answered_in_target": (
        "answeredinsl", "answeredinsla", "answeredwithinsl", "answeredinservicelevel",
        "answeredwithinservicelevel", "slanswered", "answeredintarget",
    ),
    "wait_seconds": (
        "totalwait", "totalwaits", "totalwaitseconds", "totalwaittime", "totalanswertime",
        "totalqueuetime", "waitseconds", "totalanswerdelay",
    ),
    "handling_seconds": (
        "totaltalkwrap", "totaltalkwraps", "totaltalkandwrap", "totalhandletime",
        "totalhandlingtime", "totalhandleseconds", "handlingseconds", "totalhandle",
    ),
}  # fmt: skip
_UK_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
MOST_IN_AN_HOUR = 100_000
BATCH = 500
# Below the database's largest integer, so that a checked row is always stored.
MOST_SECONDS = MOST_IN_AN_HOUR * 3600


class RowProblem(ValueError):
    """A row (or a file) we cannot take: the message names the column and what is wrong."""


@dataclass(frozen=True)
class IntervalFigures:
    line: TelephonyLine
    starts_at: datetime
    offered: int
    answered: int
    abandoned: int
    answered_in_target: int
    wait_seconds: int
    handling_seconds: int


def _text(row: Row, column: str) -> str:
    value = (row.get(column) or "").strip()
    if not value:
        raise RowProblem(f'"{column}" is empty.')
    return value


def _count(row: Row, column: str) -> int:
    value = _text(row, column).replace(",", "")
    if value.endswith(".0"):
        value = value[:-2]
    # Only the digits 0-9: str.isdigit() also takes "²", which int() cannot read.
    if not re.fullmatch(r"[0-9]+", value):
        raise RowProblem(f'"{column}" must be a whole number of 0 or more, not "{value}".')
    number = int(value)
    if column in {"wait_seconds", "handling_seconds"}:
        if number > MOST_SECONDS:
            raise RowProblem(f'"{column}" is more seconds than the calls of an hour can take.')
        return number
    if number > MOST_IN_AN_HOUR:
        raise RowProblem(f'"{column}" is more calls than a line takes in an hour ({number}).')
    return number


def _hour(row: Row) -> datetime:
    value = _text(row, "interval_start")
    moment = _moment(value)
    if moment is None:
        raise RowProblem(
            '"interval_start" must be a date and time such as 2026-03-02 09:00, '
            f'not "{value[:40]}".'
        )
    if moment.minute or moment.second or moment.microsecond:
        raise RowProblem(
            f'"interval_start" must be the start of an hour (09:00, not {moment:%H:%M}): the '
            "figures are hourly, so add the half-hours of an hour together."
        )
    # An export without an offset is in the council's time (a clock change is the export's).
    # Held in UTC: two times of a repeated local hour compare equal while in the local zone.
    aware = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    return aware.astimezone(UTC)


def _moment(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    for pattern in _UK_FORMATS:
        try:
            # Naive on purpose: the export's local time, made aware by the caller.
            return datetime.strptime(value, pattern)  # noqa: DTZ007
        except ValueError:
            continue
    return None


def validate_row(row: Row, lines: dict[str, TelephonyLine]) -> IntervalFigures:
    """The row's figures, or RowProblem saying the first thing wrong with it."""
    starts_at = _hour(row)
    named = _text(row, "line")
    line = find_line(lines, named)
    if line is None:
        raise RowProblem(
            f'"line" "{named[:80]}" is none of the council\'s phone lines '
            "(give its name or number)."
        )
    figures = IntervalFigures(
        line=line,
        starts_at=starts_at,
        offered=_count(row, "offered"),
        answered=_count(row, "answered"),
        abandoned=_count(row, "abandoned"),
        answered_in_target=_count(row, "answered_in_target"),
        wait_seconds=_count(row, "wait_seconds"),
        handling_seconds=_count(row, "handling_seconds"),
    )
    if figures.answered + figures.abandoned > figures.offered:
        raise RowProblem(
            f'"answered" ({figures.answered}) and "abandoned" ({figures.abandoned}) add up to '
            f'more than "offered" ({figures.offered}).'
        )
    if figures.answered_in_target > figures.answered:
        raise RowProblem(
            f'"answered_in_target" ({figures.answered_in_target}) is more than "answered" '
            f"({figures.answered})."
        )
    if figures.answered == 0 and (figures.wait_seconds or figures.handling_seconds):
        raise RowProblem('No call was answered, so "wait_seconds" and "handling_seconds" are 0.')
    return figures


def import_calls(
    *,
    actor,
    rows: Iterable[tuple[int, Row]],
    source: str,
    file_name: str = "",
    note: str = "",
) -> CallImport:
    """Import `rows` (each with its line number) and record the run. A valid row replaces what
    was held for its line and hour; a refused row changes nothing; a second row for the same line
    and hour in one import is refused, as the export cannot mean both."""
    if actor is not None and not policies.can_import_calls(actor):
        raise PermissionDenied("Only a manager may import call figures.")
    sync_lines()
    lines = line_finder()
    run = CallImport.objects.create(
        source=ImportSource(source),
        file_name=file_name[:300],
        started_at=timezone.now(),
        actor=actor,
        note=note[:200],
    )
    seen: dict[tuple[int, datetime], int] = {}
    valid: list[IntervalFigures] = []
    for number, row in rows:
        run.rows_read += 1
        try:
            figures = validate_row(row, lines)
        except RowProblem as problem:
            run.refused.append({"line": number, "message": str(problem)})
            continue
        key = (figures.line.pk, figures.starts_at)
        if key in seen:
            # The hour the clocks go back happens twice (01:00 BST, then 01:00 GMT): an export
            # in local time gives it twice without an offset, so the second is the later one.
            later = _second_occurrence(row, figures)
            if later is not None and (figures.line.pk, later.starts_at) not in seen:
                figures = later
                key = (figures.line.pk, figures.starts_at)
        if key in seen:
            when = timezone.localtime(figures.starts_at)
            run.refused.append(
                {
                    "line": number,
                    "message": f"The same line and hour as line {seen[key]} "
                    f"({figures.line.name}, {when:%Y-%m-%d %H:%M}).",
                }
            )
            continue
        seen[key] = number
        valid.append(figures)
    # Only whole, checked rows reach the database; they are written in batches together.
    with transaction.atomic():
        for start in range(0, len(valid), BATCH):
            _store(valid[start : start + BATCH], run)
    run.rows_stored = len(valid)
    run.rows_refused = len(run.refused)
    run.finished_at = timezone.now()
    run.save()
    return run


def _second_occurrence(row: Row, figures: IntervalFigures) -> IntervalFigures | None:
    """The same figures at the second occurrence of a repeated local hour, when the row gave a
    time without an offset that the clocks going back makes happen twice; else None."""
    moment = _moment(_text(row, "interval_start"))
    if moment is None or not timezone.is_naive(moment):
        return None
    later = timezone.make_aware(moment.replace(fold=1)).astimezone(UTC)
    if later == figures.starts_at:
        return None
    return replace(figures, starts_at=later)


_FIGURES = (
    "offered",
    "answered",
    "abandoned",
    "answered_in_target",
    "wait_seconds",
    "handling_seconds",
)


def _store(batch: list[IntervalFigures], run: CallImport) -> None:
    """Replace the hours already held, add the others, in one statement: an import of the same
    hour running at the same moment updates the row rather than failing on the unique key."""
    CallInterval.objects.bulk_create(
        [
            CallInterval(
                line=figures.line,
                starts_at=figures.starts_at,
                call_import=run,
                **{name: getattr(figures, name) for name in _FIGURES},
            )
            for figures in batch
        ],
        update_conflicts=True,
        unique_fields=["line", "starts_at"],
        update_fields=[*_FIGURES, "call_import"],
    )


def _heading_key(heading: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r"\(.*?\)", "", heading.casefold()))


def column_for(heading: str) -> str | None:
    """Our column for an export's heading ("Calls Offered", "Total Talk+Wrap (s)"), if any."""
    key = _heading_key(heading)
    if heading.strip() in COLUMNS:
        return heading.strip()
    return next((column for column, names in ALIASES.items() if key in names), None)


def csv_rows(text: str) -> list[tuple[int, Row]]:
    """The rows of a CSV file with a header line, numbered as a spreadsheet numbers its lines
    (the header is line 1), keyed by our columns. A file missing a column is refused whole."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if not header:
        raise RowProblem("The file is empty: it needs a header line and a row per line and hour.")
    columns = [column_for(heading) for heading in header]
    missing = [column for column in COLUMNS if column not in columns]
    if missing:
        raise RowProblem(f"Line 1: the header has no {', '.join(missing)} column.")
    rows: list[tuple[int, Mapping[str, str]]] = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        row = {
            column: value
            for column, value in zip(columns, values, strict=False)
            if column is not None
        }
        rows.append((reader.line_num, row))
    return rows
