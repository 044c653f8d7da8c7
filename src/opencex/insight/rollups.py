"""Reading the daily rollups (`insight.models`) for a period of whole days, on PostgreSQL where
triggers keep them equal to the rows; elsewhere, or inside `counting_rows()`, callers count the
rows themselves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum

from opencex.insight import rollup_sql
from opencex.insight.models import CasesFinishedDay, CasesReceivedDay, ContactsDay, RepeatDay
from opencex.insight.periods import Period

# A repeat contact: the same resident about the same service again within this many days (kept
# by the marks' triggers as this many times 24 hours).
REPEAT_WINDOW_DAYS = 7
REPEAT_WINDOW_HOURS = REPEAT_WINDOW_DAYS * 24

_bypassed: ContextVar[bool] = ContextVar("insight_rollups_bypassed", default=False)

# A figure's name for a dimension: the rollup's column and how "none" is stored there.
_NONE_STORED_AS = {"stage": 0, "service_id": 0, "team_id": 0}


def in_use() -> bool:
    return connection.vendor == "postgresql" and not _bypassed.get()


@contextmanager
def counting_rows() -> Iterator[None]:
    """Compute the figures from the rows themselves (to check the rollups against them)."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def _summed(rows, fields: tuple[str, ...], **sums: str) -> dict[tuple, dict[str, int]]:
    grouped = rows.order_by().values(*fields).annotate(**{k: Sum(v) for k, v in sums.items()})
    result: dict[tuple, dict[str, int]] = {}
    for row in grouped:
        key = tuple(
            None
            if field in _NONE_STORED_AS and row[field] == _NONE_STORED_AS[field]
            else row[field]
            for field in fields
        )
        counted = result.setdefault(key, dict.fromkeys(sums, 0))
        for name in sums:
            counted[name] += row[name] or 0
    # Rows a trigger counted down to nothing are left in place: they count as absent.
    return {key: counted for key, counted in result.items() if any(counted.values())}


def _days(period: Period) -> dict:
    return {"day__range": (period.start, period.end)}


def cases_received(period: Period, *fields: str) -> dict[tuple, int]:
    """Cases received in the period by `fields` (kind, stage, channel, service_id, team_id)."""
    rows = CasesReceivedDay.objects.filter(**_days(period))
    return {k: v["n"] for k, v in _summed(rows, fields, n="cases").items()}


def cases_finished(period: Period) -> dict[tuple, dict[str, int]]:
    """Cases finished in the period by (kind, stage): n, without_due_date, in_time."""
    rows = CasesFinishedDay.objects.filter(**_days(period))
    return _summed(
        rows, ("kind", "stage"), n="cases", without_due_date="without_due_date", in_time="in_time"
    )


def contacts(period: Period, *fields: str, without_outcome: str | None = None) -> dict[tuple, int]:
    """Contacts logged in the period by `fields` (channel, outcome, service_id)."""
    rows = ContactsDay.objects.filter(**_days(period))
    if without_outcome is not None:
        rows = rows.exclude(outcome=without_outcome)
    return {k: v["n"] for k, v in _summed(rows, fields, n="contacts").items()}


def repeats(period: Period) -> dict[int, tuple[int, int]]:
    """Repeat contact's marks in the period by service: {service id: (counted, repeats)}."""
    rows = RepeatDay.objects.filter(**_days(period))
    summed = _summed(rows, ("service_id",), counted="counted", repeats="repeats")
    return {key[0]: (v["counted"], v["repeats"]) for key, v in summed.items()}


def recount() -> None:
    """Count the rollups and repeat contact's marks again from every case and contact (after a
    load made without the triggers, or to repair them)."""
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in [
            *rollup_sql.recount(settings.TIME_ZONE),
            *rollup_sql.recount_repeats_and_hours(settings.TIME_ZONE, REPEAT_WINDOW_HOURS),
        ]:
            cursor.execute(statement)
