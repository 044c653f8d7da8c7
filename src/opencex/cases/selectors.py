"""Reads about cases that are more than a QuerySet method: finding a case by what a visitor
without an account can tell us, and the staff queues (filters, search, clock status)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Case as DbCase
from django.db.models import Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from opencex.cases.models import OPEN_STATUSES, Case, ClockPause
from opencex.cases.references import normalise_reference
from opencex.council.calendar import council_calendar


def case_for_reference_and_email(reference: str, email: str) -> Case | None:
    """The case with this reference whose contact email (or its resident's email) is `email`;
    None when the pair does not match, without saying which half was wrong."""
    reference, email = normalise_reference(reference), email.strip()
    if not reference or not email:
        return None
    return (
        Case.objects.select_related("resident", "service")
        .filter(reference=reference)
        .filter(Q(contact_email__iexact=email) | Q(resident__email__iexact=email))
        .first()
    )


# --- Staff queues -------------------------------------------------------------------------------
# A queue lists open cases by default; every filter is a plain column test so that PostgreSQL can
# use the (team, status, due_on) and (assigned_to, status, due_on) indexes.

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
    """The last day that counts as "due soon": within two working days of today."""
    return council_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS)


def _has_open_pause() -> Exists:
    return Exists(ClockPause.objects.filter(case=OuterRef("pk"), ended_on__isnull=True))


def _clock_conditions(today: date) -> dict[str, Q]:
    """The database condition for each clock status; they do not overlap."""
    is_open = Q(status__in=OPEN_STATUSES)
    paused = Q(_has_open_pause())
    running = is_open & ~paused
    soon = due_soon_limit(today)
    return {
        ClockStatus.PAUSED: is_open & paused,
        ClockStatus.OVERDUE: running & Q(due_on__lt=today),
        ClockStatus.DUE_SOON: running & Q(due_on__gte=today, due_on__lte=soon),
        ClockStatus.ON_TRACK: running & (Q(due_on__gt=soon) | Q(due_on__isnull=True)),
        ClockStatus.FINISHED: ~is_open,
    }


def with_clock_status(cases: QuerySet[Case], today: date) -> QuerySet[Case]:
    """Annotate each case with `clock_status`, a ClockStatus value worked out by the database."""
    conditions = _clock_conditions(today)
    return cases.annotate(
        clock_status=DbCase(
            *(When(condition, then=Value(status)) for status, condition in conditions.items()),
            default=Value(ClockStatus.FINISHED),
            output_field=models.CharField(),
        )
    )


def search_cases(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Cases matching what an officer typed: a reference, an email address, a postcode, a phone
    number or UPRN, or part of a name. Each shape is matched on the column it can only be, so a
    search stays an index lookup rather than a scan of every text column."""
    text = " ".join(text.split())
    if not text:
        return cases
    by_reference = Q(reference=normalise_reference(text))
    if "@" in text:
        return cases.filter(Q(contact_email__iexact=text) | Q(resident__email__iexact=text))
    postcode = _POSTCODE.match(text.upper())
    if postcode:
        formatted = f"{postcode[1]} {postcode[2]}"
        return cases.filter(by_reference | Q(property__postcode=formatted))
    if _DIGITS.match(text):
        digits = re.sub(r"[^0-9]", "", text)
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        return cases.filter(
            by_reference
            | Q(property__uprn=digits)
            | Q(contact_phone=digits)
            | Q(resident__phone=digits)
        )
    return cases.filter(
        by_reference | Q(contact_name__icontains=text) | Q(resident__full_name__icontains=text)
    )


@dataclass(frozen=True)
class QueueFilters:
    kind: str = ""
    status: str = ""
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
    if filters.search:
        cases = search_cases(cases, filters.search)
    if filters.status:
        cases = cases.filter(status=filters.status)
    elif not filters.search:
        cases = cases.filter(status__in=OPEN_STATUSES)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.priority == VULNERABLE:
        cases = cases.filter(resident__is_priority=True)
    elif filters.priority:
        cases = cases.filter(priority=int(filters.priority))
    if filters.clock:
        cases = cases.filter(_clock_conditions(today)[filters.clock])
    return (
        with_clock_status(cases, today)
        .select_related("resident", "team", "assigned_to", "service")
        .order_by(*SORTS.get(filters.sort, SORTS["due"]))
    )
