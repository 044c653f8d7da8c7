"""Reads about cases that are more than a QuerySet method: finding a case by what a visitor
without an account can tell us, and the staff queues (filters, search, clock status, counts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TypedDict

from django.db import models
from django.db.models import Case as DbCase
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Lower
from django.utils import timezone

from opencex.cases.models import OPEN_STATUSES, Case, ClockPause, Priority, pause_is_open
from opencex.cases.references import normalise_reference
from opencex.catalogue.models import Service
from opencex.council.calendar import council_calendar
from opencex.people.models import Property, Resident

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def case_for_reference_and_email(reference: str, email: str) -> Case | None:
    """The case with this reference whose contact email (or its resident's email) is `email`;
    None when the pair does not match, without saying which half was wrong."""
    reference = normalise_reference(reference)
    if not reference:
        return None
    return (
        Case.objects.for_client_email(email)
        .select_related("resident", "service")
        .filter(reference=reference)
        .first()
    )


# --- Staff queues -------------------------------------------------------------------------------
# A queue lists open cases by default; every filter is a plain column test so that PostgreSQL can
# use the (team, status, due_on) and (assigned_to, status, due_on) indexes, or read open cases in
# queue order from the covering index of open cases (cases migration 0004) alone.

DUE_SOON_WORKING_DAYS = 2
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
_DIGITS = re.compile(r"^\+?[0-9 ()-]{6,}$")


class ClockStatus(models.TextChoices):
    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due soon"
    PAUSED = "paused", "Paused"
    ON_TRACK = "on_track", "On track"
    FINISHED = "finished", "Finished"


def due_soon_limit(today: date) -> date:
    """The last day that counts as "due soon": within two working days of today. The one
    definition: the queues, the counts, the case page and the officers' reminders all ask it."""
    return council_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS)


def has_open_pause() -> Exists:
    """The case (the outer row) has an open pause (`ClockPause.objects.open()`)."""
    return Exists(ClockPause.objects.open().filter(case=OuterRef("pk")))


def clock_conditions(
    today: date, *, now: datetime | None = None, paused: Q | None = None
) -> dict[str, Q]:
    """The one definition of each clock status, as a database condition; they do not overlap
    and every case meets one. `paused` says how the case's open pause is found: a subquery by
    default, or a join a query has already made (see count_open_cases).

    A clock counted in hours (an emergency hazard, due at `due_at`) is overdue the moment
    `due_at` has passed (`now`, by default the present moment), not only from the next day;
    until then it is due soon on the same days as any case, which for a 24-hour clock is all of
    its hours. A clock counted in days is overdue from the day after `due_on`."""
    now = now or timezone.now()
    is_open = Q(status__in=OPEN_STATUSES)
    paused = Q(has_open_pause()) if paused is None else paused
    running = is_open & ~paused
    soon = due_soon_limit(today)
    in_days = Q(due_at__isnull=True)
    late = (in_days & Q(due_on__lt=today)) | Q(due_at__lt=now)
    due_by_soon = (in_days & Q(due_on__gte=today) | Q(due_at__gte=now)) & Q(due_on__lte=soon)
    return {
        ClockStatus.FINISHED: ~is_open,
        ClockStatus.PAUSED: is_open & paused,
        ClockStatus.OVERDUE: running & late,
        ClockStatus.DUE_SOON: running & due_by_soon,
        ClockStatus.ON_TRACK: running & (Q(due_on__gt=soon) | Q(due_on__isnull=True)),
    }


class ClockStatusAnnotation(TypedDict):
    clock_status: str


def with_clock_status(
    cases: QuerySet[Case], today: date, *, paused: Q | None = None
) -> QuerySet[WithAnnotations[Case, ClockStatusAnnotation]]:
    """Annotate each case with `clock_status`, a ClockStatus value worked out by the database
    from clock_conditions (`paused` as there)."""
    conditions = clock_conditions(today, paused=paused)
    return cases.annotate(
        clock_status=DbCase(
            *(
                When(condition, then=Value(status))
                for status, condition in conditions.items()
                if status != ClockStatus.ON_TRACK
            ),
            default=Value(ClockStatus.ON_TRACK),
            output_field=models.CharField(),
        )
    )


def cases_with_clock_status(status: str, today: date) -> QuerySet[Case]:
    """Every case whose clock is `status` today (the daily jobs start from these)."""
    return Case.objects.filter(clock_conditions(today)[status])


class _IsOneOf(Func):
    """`column IN (subquery)`, written for PostgreSQL as `column = ANY(ARRAY(subquery))`. Inside
    an OR, PostgreSQL can only check an IN (subquery) row by row, reading every case; with an
    array it reads the subquery once and looks its ids up in the column's index, so the whole
    OR becomes one bitmap of index lookups."""

    output_field = models.BooleanField()

    def __init__(self, column: str, subquery: QuerySet) -> None:
        super().__init__(F(column), Subquery(subquery.order_by().values("pk")))

    def as_sql(self, compiler, connection, **extra_context):
        (column, column_params), (rows, rows_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{rows})", (*column_params, *rows_params)
        return f"{column} IN {rows}", (*column_params, *rows_params)


def is_vulnerable() -> Q:
    """The one definition of a vulnerable case, triaged first: the resident has a vulnerability
    flag, or the case was raised to high or urgent (as calls on the vulnerable-residents line
    are). The vulnerable queue, the queue filter and the case page's banner all use it (the
    banner through case_is_vulnerable). Over open cases PostgreSQL answers this from the covering
    index of open cases (cases migration 0004) without reading a case."""
    flagged = Resident.objects.filter(is_priority=True)
    return Q(priority__gte=Priority.HIGH) | Q(resident__in=flagged)


def case_is_vulnerable(case: Case) -> bool:
    """is_vulnerable for one case already read (a test holds the two to the same answers)."""
    is_flagged = case.resident is not None and case.resident.is_priority
    return is_flagged or case.priority >= Priority.HIGH


def search_cases(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Those of `cases` matching what an officer typed: a reference, an email address, a
    postcode, a phone number or UPRN, or part of a name. Each shape is matched only on the
    columns it can be, each with an index, so that a search is a handful of index lookups rather
    than a scan of every case (see _IsOneOf for the residents' and properties' columns)."""
    text = " ".join(text.split())
    if not text:
        return cases
    by_reference = Q(reference=normalise_reference(text))
    if "@" in text:
        email = text.lower()
        residents = Resident.objects.live().alias(email_ci=Lower("email")).filter(email_ci=email)
        return cases.alias(email_ci=Lower("contact_email")).filter(
            Q(email_ci=email) | Q(_IsOneOf("resident", residents))
        )
    postcode = _POSTCODE.match(text.upper())
    if postcode:
        at_postcode = Property.objects.filter(postcode=f"{postcode[1]} {postcode[2]}")
        return cases.filter(by_reference | Q(_IsOneOf("property", at_postcode)))
    if _DIGITS.match(text):
        digits = re.sub(r"[^0-9]", "", text)
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        return cases.filter(
            by_reference
            | Q(_IsOneOf("property", Property.objects.filter(uprn=digits)))
            | Q(contact_phone=digits)
            | Q(_IsOneOf("resident", Resident.objects.live().filter(phone=digits)))
        )
    named = Resident.objects.filter(full_name__icontains=text)
    return cases.filter(
        by_reference | Q(contact_name__icontains=text) | Q(_IsOneOf("resident", named))
    )


@dataclass(frozen=True)
class QueueFilters:
    kind: str = ""
    status: str = ""
    service: int | None = None
    channel: str = ""
    priority: str = ""  # a Priority value, or "vulnerable"
    clock: str = ""  # a ClockStatus value
    search: str = ""
    sort: str = "due"  # "due" or "received"


VULNERABLE = "vulnerable"
SORTS = {
    "due": ("-priority", "due_on", "id"),
    "received": ("-priority", "-received_at", "id"),
}


def queue_cases(
    cases: QuerySet[Case], filters: QueueFilters, *, today: date | None = None
) -> QuerySet[Case]:
    """Filter, search and sort `cases` (already narrowed to what the officer may see and to one
    queue) for a queue page, with their clock status."""
    today = today or timezone.localdate()
    return with_clock_status(queue_order(cases, filters, today=today), today)


def queue_order(
    cases: QuerySet[Case], filters: QueueFilters, *, today: date | None = None
) -> QuerySet[Case]:
    """queue_cases without the clock status: what a page reads its ids from (its 50 rows get
    the status with queue_rows). Building the status's expression for queries that never select
    it cost each page about 0.7 ms of CPU for nothing."""
    today = today or timezone.localdate()
    if filters.search:
        cases = search_cases(cases, filters.search)
    if filters.status:
        cases = cases.filter(status=filters.status)
    elif not filters.search:
        cases = cases.filter(status__in=OPEN_STATUSES)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.service:
        cases = cases.filter(service=filters.service)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.priority == VULNERABLE:
        cases = cases.filter(is_vulnerable())
    elif filters.priority:
        cases = cases.filter(priority=int(filters.priority))
    if filters.clock:
        cases = cases.filter(clock_conditions(today)[filters.clock])
    return cases.order_by(*SORTS.get(filters.sort, SORTS["due"]))


# What a queue row shows (staff/queues/queue.html), and nothing more: a page's rows are read
# into model instances, so every other column (and every other join) is work for nothing.
QUEUE_ROW_FIELDS = (
    "reference",
    "subject",
    "kind",
    "stage",
    "status",
    "new_reply_at",
    "priority",
    "channel",
    "due_on",
    "resident__is_priority",
)


def queue_rows(cases: QuerySet[Case], *, today: date | None = None) -> QuerySet[Case]:
    """`cases` with what a queue row shows (QUEUE_ROW_FIELDS) and their clock status.

    A page reads its 50 ids first (narrow rows, cheap to sort) and then only those rows here,
    so the clock status is worked out for 50 cases rather than every match. The open pause is
    joined (a case has at most one) rather than tested by a subquery, which PostgreSQL would
    answer by reading every open pause to check 50 cases."""
    open_pause = FilteredRelation("pauses", condition=pause_is_open("pauses__"))
    return (
        with_clock_status(
            cases.alias(open_pause=open_pause),
            today or timezone.localdate(),
            paused=Q(open_pause__isnull=False),
        )
        .select_related("resident")
        .only(*QUEUE_ROW_FIELDS)
        # An interpreter or format the form asked for (forms.communication): its two codes,
        # not the whole answers document.
        .annotate(
            interpreter_language=KT("answers__communication__interpreter_language"),
            accessible_format=KT("answers__communication__accessible_format"),
        )
    )


def services_with_open_cases(cases: QuerySet[Case]) -> QuerySet[Service]:
    """The services of the open cases among `cases`, to offer as a queue's service filter: a
    queue's own services rather than the whole catalogue."""
    in_queue = cases.filter(status__in=OPEN_STATUSES).order_by().values("service_id")
    return Service.objects.filter(pk__in=in_queue)


@dataclass(frozen=True)
class QueueCounts:
    open: int
    overdue: int
    due_soon: int


def count_open_cases(cases: QuerySet[Case], *, today: date | None = None) -> QueueCounts:
    """How many of `cases` are open, and how many of those are overdue or due soon, in one
    query. The open pause is joined once (a case has at most one) rather than looked up by a
    subquery per status, which keeps the query cheap enough for PostgreSQL not to compile it."""
    today = today or timezone.localdate()
    clock = clock_conditions(today, paused=Q(open_pause__isnull=False))
    counts = (
        cases.filter(status__in=OPEN_STATUSES)
        .alias(open_pause=FilteredRelation("pauses", condition=pause_is_open("pauses__")))
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=clock[ClockStatus.OVERDUE]),
            due_soon=Count("pk", filter=clock[ClockStatus.DUE_SOON]),
        )
    )
    return QueueCounts(**counts)
