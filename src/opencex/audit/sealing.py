"""Tamper evidence: after audit rows commit, `seal_new_records` chains their digests in the
`AuditSeal` table; `verify` recomputes every link and every row's digest and names what differs.

Nothing here runs on the request path: inserting an audit row costs what it did (the digest is
taken when the row is sealed, by a job or `opencex seal_audit`), so submissions never queue behind
one chain lock. Only the sealer takes a lock, and only against another sealer. What is between
two sealings is not yet covered; `verify_audit` counts it as not yet sealed.

The digest covers every column the row has when it is sealed, whatever they are, so a column
another app adds later is covered from the next seal on, and the seal lists the columns it covered
(a later column does not make old seals fail)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from opencex.audit.models import AuditSeal, SealState
from opencex.audit.protection import audit_models
from opencex.jobs import daily

GENESIS = "0" * 64
# A row committed late (its transaction began before a later row's) is still sealed if its id is
# within this many of the highest id sealed; a redaction within this long of the last sealing.
LOOKBACK_IDS = 100_000
REDACTION_LOOKBACK = timedelta(days=1)
BATCH = 2_000
_SEALER_LOCK = 0x0A0D17  # PostgreSQL advisory lock: one sealer at a time


def sealed_models() -> list[type[models.Model]]:
    return [model for model in audit_models() if model is not AuditSeal]


def _plain(value: Any) -> Any:
    """A column's value as JSON that reads the same from any database and any backup."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _redacted_group(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(sorted(getattr(model, "REDACTION", {})))


def digests(model: type[models.Model], row: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The row's digest, and a short digest per column, the columns a redaction blanks taken
    together (one short digest of a short text would let anyone confirm a guess of it)."""
    group = _redacted_group(model)
    per_column = {
        column: hashlib.sha256(_canonical(value)).hexdigest()[:12]
        for column, value in row.items()
        if column not in group
    }
    if group and all(column in row for column in group):
        together = {column: row[column] for column in group}
        per_column["+".join(group)] = hashlib.sha256(_canonical(together)).hexdigest()[:12]
    return hashlib.sha256(_canonical(row)).hexdigest(), per_column


def next_link(previous: str, table: str, row_id: int, state: str, digest: str) -> str:
    return hashlib.sha256(f"{previous}|{table}|{row_id}|{state}|{digest}".encode()).hexdigest()


def _rows(queryset: models.QuerySet, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Rows as {column: plain value}, every concrete column, in id order."""
    fields = queryset.model._meta.concrete_fields
    names = [f.attname for f in fields]
    ordered = queryset.order_by("pk").values_list(*names)
    for values in (ordered[:limit] if limit else ordered).iterator(chunk_size=BATCH):
        yield {f.column: _plain(v) for f, v in zip(fields, values, strict=True)}


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SEALER_LOCK])
    # SQLite: the IMMEDIATE transaction already holds the only write lock.


def seal_new_records(*, now: datetime | None = None) -> int:
    """Seal every audit row not yet sealed (and every redaction), in id order per table; returns
    how many seals were added."""
    now = now or timezone.now()
    added = 0
    with transaction.atomic():
        _lock()
        last = AuditSeal.objects.order_by("-id").values_list("link", "sealed_at").first()
        link = last[0] if last else GENESIS
        redactions_since = last[1] - REDACTION_LOOKBACK if last else None
        pending: list[AuditSeal] = []

        def seal(model: type[models.Model], row: dict[str, Any], state: str) -> None:
            nonlocal link, added
            digest, per_column = digests(model, row)
            table = model._meta.db_table
            link = next_link(link, table, row["id"], state, digest)
            pending.append(
                AuditSeal(
                    table=table,
                    row_id=row["id"],
                    state=state,
                    digest=digest,
                    column_digests=per_column,
                    link=link,
                    sealed_at=now,
                )
            )
            added += 1
            if len(pending) >= BATCH:
                AuditSeal.objects.bulk_create(pending)
                pending.clear()

        for model in sealed_models():
            table = model._meta.db_table
            seals = AuditSeal.objects.filter(table=table)
            high = seals.aggregate(high=Max("row_id"))["high"] or 0
            floor = high - LOOKBACK_IDS
            new_rows = model._default_manager.filter(pk__gt=floor).exclude(
                pk__in=seals.filter(row_id__gt=floor).values("row_id")
            )
            sealed_now = set()
            for row in _rows(new_rows):
                redacted = row.get("redacted_at") is not None
                seal(model, row, SealState.REDACTED if redacted else SealState.RECORDED)
                sealed_now.add(row["id"])
            redacted_rows = model._default_manager.filter(redacted_at__isnull=False).exclude(
                pk__in=seals.filter(state=SealState.REDACTED).values("row_id")
            )
            if redactions_since is not None:
                redacted_rows = redacted_rows.filter(redacted_at__gte=redactions_since)
            for row in _rows(redacted_rows):
                if row["id"] not in sealed_now:
                    seal(model, row, SealState.REDACTED)
        AuditSeal.objects.bulk_create(pending)
    return added


@dataclass
class Problem:
    table: str
    row_id: int
    what: str

    def __str__(self) -> str:
        return f"{self.table} id {self.row_id}: {self.what}"


@dataclass
class Verification:
    seals: int = 0
    rows: int = 0
    not_yet_sealed: int = 0
    head: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_intact(self) -> bool:
        return not self.problems


def verify() -> Verification:
    """Recompute the chain, then every sealed row's digest; list every problem, first first."""
    result = Verification()
    previous = GENESIS
    chain = AuditSeal.objects.order_by("id").values_list(
        "id", "table", "row_id", "state", "digest", "link"
    )
    for seal_id, table, row_id, state, digest, link in chain.iterator(chunk_size=BATCH):
        result.seals += 1
        if next_link(previous, table, row_id, state, digest) != link:
            result.problems.append(
                Problem(
                    AuditSeal._meta.db_table,
                    seal_id,
                    f"the chain breaks here (the seal of {table} id {row_id} {state} does not "
                    "follow from the seal before it: a seal was removed or altered)",
                )
            )
        previous = link  # go on from the stored link, so that one break is reported once
    result.head = previous
    for model in sealed_models():
        _verify_table(model, result)
    return result


def _seals_by_row(table: str, after: int, upto: int | None) -> dict[int, dict[str, AuditSeal]]:
    seals = AuditSeal.objects.filter(table=table, row_id__gt=after)
    if upto is not None:
        seals = seals.filter(row_id__lte=upto)
    by_row: dict[int, dict[str, AuditSeal]] = {}
    for seal in seals.only("row_id", "state", "digest", "column_digests"):
        by_row.setdefault(seal.row_id, {})[seal.state] = seal
    return by_row


def _verify_table(model: type[models.Model], result: Verification) -> None:
    table = model._meta.db_table
    group = "+".join(_redacted_group(model))
    after = 0
    while True:
        rows = list(_rows(model._default_manager.filter(pk__gt=after), BATCH))
        upto = rows[-1]["id"] if rows else None
        seals = _seals_by_row(table, after, upto)
        problems: list[Problem] = []
        for row in rows:
            result.rows += 1
            by_state = seals.pop(row["id"], None)
            if not by_state:
                result.not_yet_sealed += 1
                continue
            seal = by_state.get(SealState.REDACTED) or by_state[SealState.RECORDED]
            columns = [c for key in seal.column_digests for c in key.split("+")]
            sealed_row = {c: row.get(c, "(column removed)") for c in columns}
            digest, per_column = digests(model, sealed_row)
            if digest == seal.digest:
                continue
            differing = [k for k, v in seal.column_digests.items() if per_column.get(k) != v]
            if row.get("redacted_at") and seal.state == SealState.RECORDED:
                if not set(differing) - {group, "redacted_at"}:
                    result.not_yet_sealed += 1  # redacted since the last sealing
                    continue
                differing = [k for k in differing if k not in (group, "redacted_at")]
            changed = ", ".join(key.replace("+", "/") for key in differing) or "its content"
            problems.append(
                Problem(table, row["id"], f"{changed} changed since its {seal.state} seal")
            )
        problems += [Problem(table, row_id, "sealed but missing (deleted)") for row_id in seals]
        result.problems += sorted(problems, key=lambda problem: problem.row_id)
        if upto is None:
            return
        after = upto


NIGHTLY_AT = time(1, 30)


@task()
def seal_audit_every_day() -> int:
    """Seal what is new, then queue the same job for the next night (even if tonight's failed:
    one bad night must not stop the sealing for good)."""
    try:
        return seal_new_records()
    finally:
        daily.queue_next_run(seal_audit_every_day, NIGHTLY_AT)


def schedule_every_day() -> datetime | None:
    """Start the nightly sealing (None if it is already queued)."""
    return daily.schedule_daily(seal_audit_every_day, NIGHTLY_AT)
