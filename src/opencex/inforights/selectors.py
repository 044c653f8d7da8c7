"""Reads for the register: its filtered list with clock status, possible duplicates and repeats
of a request at intake, and the resident records a subject access requester may be."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from opencex.cases.models import OPEN_STATUSES, Case, CaseKind
from opencex.cases.selectors import ClockStatus, with_clock_status
from opencex.people.models import Resident
from opencex.people.services import likely_duplicates

K = CaseKind
# Requests compared with each other: a subject access request is only like another one.
FAMILIES = (frozenset({K.FOI, K.EIR, K.FOI_INTERNAL_REVIEW}), frozenset({K.SAR}))
# s14(2) leaves "a reasonable interval" to judgement: the officer is shown the last year's.
LOOK_BACK = timedelta(days=365)
# Share of the shorter request's words found in the other: "substantially similar".
LIKENESS_THRESHOLD = 0.6
MIN_SHARED_WORDS = 3
_WORD = re.compile(r"[a-z0-9]+")
_COMMON = frozenset(
    _WORD.findall(
        """about after all also and any are been before can could did does for from had has have
        how information into its last may might more most not number please provide request
        requested send should since some such than that the their them then there these they
        this those under was were what when where which who why will with would year years you
        your copy copies details know like want dear thank thanks regards"""
    )
)

UNDECIDED = "undecided"
ALL_STATUSES = "all"


def is_same_requester(case: Case, other: Case) -> bool:
    """The same person asked both: the same resident record, email address or name."""
    if case.resident_id and case.resident_id == other.resident_id:
        return True
    email, other_email = case.contact_email.strip().lower(), other.contact_email.strip().lower()
    if email and email == other_email:
        return True
    name, other_name = (
        " ".join(case.contact_name.lower().split()),
        " ".join(other.contact_name.lower().split()),
    )
    return bool(name) and name == other_name


def _words(text: str) -> frozenset[str]:
    words = (word.rstrip("s") if len(word) > 4 else word for word in _WORD.findall(text.lower()))
    return frozenset(word for word in words if len(word) > 2 and word not in _COMMON)


@dataclass(frozen=True)
class PossibleRepeat:
    """An earlier request from the same requester that asks much the same."""

    case: Case
    likeness: float
    shared_words: tuple[str, ...]
    days_before: int

    @property
    def is_still_open(self) -> bool:
        """Still open: a duplicate to answer together. Answered: maybe a repeat (s14(2))."""
        return self.case.status in OPEN_STATUSES


def flag_repeat_requests(case: Case) -> list[PossibleRepeat]:
    """Earlier requests by the same requester within the last year whose words are
    substantially the same as `case`'s, most alike first: shown to the officer at intake."""
    family = next((kinds for kinds in FAMILIES if case.kind in kinds), frozenset())
    same_requester = Q(pk__in=[])
    if case.resident_id:
        same_requester |= Q(resident_id=case.resident_id)
    if case.contact_email.strip():
        same_requester |= Q(contact_email__iexact=case.contact_email.strip())
    if case.contact_name.strip():
        same_requester |= Q(contact_name__iexact=" ".join(case.contact_name.split()))
    earlier = (
        Case.objects.filter(same_requester, kind__in=family)
        .filter(received_at__lt=case.received_at, received_on__gte=case.received_on - LOOK_BACK)
        .exclude(pk=case.pk)
        .only("pk", "reference", "kind", "status", "subject", "description", "received_on")
    )
    words = _words(f"{case.subject} {case.description}")
    found = []
    for other in earlier:
        other_words = _words(f"{other.subject} {other.description}")
        shared = words & other_words
        smaller = min(len(words), len(other_words)) or 1
        likeness = len(shared) / smaller
        if len(shared) >= MIN_SHARED_WORDS and likeness >= LIKENESS_THRESHOLD:
            days = (case.received_on - other.received_on).days
            found.append(PossibleRepeat(other, round(likeness, 2), tuple(sorted(shared)), days))
    return sorted(
        found, key=lambda repeat: (-repeat.likeness, -repeat.case.received_on.toordinal())
    )


@dataclass(frozen=True)
class RegisterFilters:
    kind: str = ""
    status: str = ""  # "" open, "all", or a Status value
    decision: str = ""  # "" any, "undecided", or a Decision value
    clock: str = ""  # a ClockStatus value


def register_cases_filtered(
    cases: QuerySet[Case], filters: RegisterFilters, today: date
) -> QuerySet[Case]:
    """The register page's rows: `cases` (already what the officer may see) filtered, with their
    clock status and register entry, soonest due first."""
    if filters.status == ALL_STATUSES:
        pass
    elif filters.status:
        cases = cases.filter(status=filters.status)
    else:
        cases = cases.filter(status__in=OPEN_STATUSES)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.decision == UNDECIDED:
        cases = cases.filter(Q(register_entry__isnull=True) | Q(register_entry__decision=""))
    elif filters.decision:
        cases = cases.filter(register_entry__decision=filters.decision)
    cases = with_clock_status(cases, today)
    if filters.clock in ClockStatus.values:
        cases = cases.filter(clock_status=filters.clock)
    return cases.select_related("register_entry", "team", "assigned_to").order_by(
        "due_on", "received_at", "id"
    )


def residents_who_may_be(case: Case) -> QuerySet[Resident]:
    """The resident records a requester may be: the case's own, or the same email address or
    phone number. The officer confirms before exporting anyone's data."""
    found = likely_duplicates(
        full_name=case.contact_name, email=case.contact_email, phone=case.contact_phone
    )
    own = Q(pk=case.resident_id) if case.resident_id else Q(pk__in=[])
    return Resident.objects.filter(Q(pk__in=found.values("pk")) | own).order_by("full_name", "pk")
