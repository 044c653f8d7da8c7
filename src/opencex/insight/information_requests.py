"""Information-rights figures for a period, by kind of request (FOI, EIR, subject access,
internal review) and service area: received, answered, answered in time, days taken, extensions,
decisions and complaints to the ICO; the exemptions cited; and the FOI figure the council
publishes, the share of requests answered in time."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from opencex.cases.clock import pause_restarts_clock
from opencex.cases.models import Case, CaseKind, ClockPause, Status
from opencex.clocks.calendars import DateRange
from opencex.inforights.legislation import exemption
from opencex.inforights.models import AppliedExemption, Decision, IcoComplaint
from opencex.insight.breakdown import Breakdown, GroupKey
from opencex.insight.durations import WorkingDaysTaken, calendar_days_taken, clock_calendar
from opencex.insight.periods import Period

K = CaseKind
KINDS = (K.FOI, K.EIR, K.SAR, K.FOI_INTERNAL_REVIEW)


@dataclass(frozen=True)
class RequestFigures:
    """One kind's figures for one service area or service (`group`, "" when not recorded), or
    for all of them together (`is_total`)."""

    kind: str
    group: str
    is_total: bool = False
    received: int = 0
    answered: int = 0
    without_due_date: int = 0  # of those answered
    in_time: int = 0  # answered on or before the due date
    working_days: int = 0  # the working days each answer took, added up
    calendar_days: int = 0  # likewise in calendar days
    extended: int = 0  # answered after the deadline was extended
    released: int = 0
    part_released: int = 0
    refused: int = 0
    not_held: int = 0
    neither_confirm_nor_deny: int = 0
    ico_complaints: int = 0  # received from the ICO in the period

    @property
    def in_time_rate(self) -> float | None:
        judged = self.answered - self.without_due_date
        return self.in_time / judged if judged else None

    @property
    def average_working_days(self) -> float | None:
        return self.working_days / self.answered if self.answered else None

    @property
    def average_calendar_days(self) -> float | None:
        return self.calendar_days / self.answered if self.answered else None

    @property
    def decision_not_recorded(self) -> int:
        decided = self.released + self.part_released + self.refused + self.not_held
        return self.answered - decided - self.neither_confirm_nor_deny


_DECISIONS = {
    "released": Decision.RELEASED,
    "part_released": Decision.PART_RELEASED,
    "refused": Decision.REFUSED,
    "not_held": Decision.NOT_HELD,
    "neither_confirm_nor_deny": Decision.NEITHER_CONFIRM_NOR_DENY,
}


def _groups(case: str = "") -> dict:
    """A request belongs to its service's service area, or else to its team's."""
    return {
        "service": f"{case}service",
        "area": Coalesce(f"{case}service__service_area", f"{case}team__service_area"),
    }


def answered(period: Period) -> QuerySet[Case]:
    """Information requests answered (responded to) in the period. A withdrawn or lapsed
    request was never answered, so it is neither in time nor late."""
    return Case.objects.filter(
        kind__in=KINDS, responded_on__range=(period.start, period.end)
    ).exclude(status=Status.WITHDRAWN)


def information_requests(
    period: Period, *, breakdown: Breakdown | None = None
) -> list[RequestFigures]:
    """For each kind: a row per service area (or per service, when `breakdown` is within one
    service area) with anything to count, then all of them together.

    - Received: requests whose date of receipt is in the period.
    - Answered, and in time: responded to in the period, and of those on or before the due
      date. The stored due date already allows for a clarification restarting the clock, a fees
      notice stopping it and an extension, so each answer is judged against its own deadline.
    - Working days and calendar days: from the day the clock last (re)started (day 0) to the
      answer, leaving out the days a fees notice (or, for subject access, a clarification)
      stopped it: the count the clock itself makes. Working days are the UK-wide calendar's for
      FOI, EIR and internal reviews, the council's for subject access.
    - Extended, decisions: of those answered. ICO complaints: received from the ICO in the period.
    """
    breakdown = breakdown or Breakdown()
    counts: dict[tuple[str, GroupKey], Counter[str]] = defaultdict(Counter)
    received = breakdown.grouped(
        Case.objects.filter(kind__in=KINDS, received_on__range=(period.start, period.end)),
        **_groups(),
    )
    for row in received.order_by().values("kind", "group").annotate(n=Count("pk")):
        counts[(row["kind"], row["group"])]["received"] += row["n"]

    done = breakdown.grouped(answered(period), **_groups())
    figures = (
        done.order_by()
        .values("kind", "group")
        .annotate(
            answered=Count("pk"),
            without_due_date=Count("pk", filter=Q(due_on__isnull=True)),
            in_time=Count("pk", filter=Q(responded_on__lte=F("due_on"))),
            extended=Count("pk", filter=Q(is_extended=True)),
            **{
                name: Count("pk", filter=Q(register_entry__decision=decision))
                for name, decision in _DECISIONS.items()
            },
        )
    )
    for row in figures:
        counts[(row.pop("kind"), row.pop("group"))].update(row)

    stopped = _stopped_days(done)
    taken = done.order_by().values_list("pk", "kind", "group", "clock_started_on", "responded_on")
    working_days = {kind: WorkingDaysTaken(clock_calendar(kind)) for kind in KINDS}
    for pk, kind, group, started_on, responded_on in taken:
        counted = counts[(kind, group)]
        spans = stopped.get(pk, [])
        counted["working_days"] += working_days[kind](started_on, responded_on, spans)
        counted["calendar_days"] += calendar_days_taken(started_on, responded_on, spans)

    icos = breakdown.grouped(
        IcoComplaint.objects.filter(
            case__kind__in=KINDS, received_on__range=(period.start, period.end)
        ),
        **_groups("case__"),
    )
    for row in icos.order_by().values("case__kind", "group").annotate(n=Count("pk")):
        counts[(row["case__kind"], row["group"])]["ico_complaints"] += row["n"]

    rows = []
    for kind in KINDS:
        in_kind = {group: counts[(k, group)] for k, group in list(counts) if k == kind}
        rows += [
            RequestFigures(kind, name, False, **in_kind[group])
            for group, name in breakdown.in_order(in_kind)
        ]
        total: Counter[str] = Counter()
        for counted in in_kind.values():
            total.update(counted)
        rows.append(RequestFigures(kind, "", True, **total))
    return rows


def _stopped_days(cases: QuerySet[Case]) -> dict[int, list[DateRange]]:
    """For each case, the pauses since its clock last started that stopped it (a restarting
    pause's days are already before the clock's new start)."""
    pauses = ClockPause.objects.filter(
        case__in=cases.values("pk"),
        ended_on__isnull=False,
        started_on__gte=F("case__clock_started_on"),
    ).values_list("case_id", "case__kind", "reason", "started_on", "ended_on")
    stopped: dict[int, list[DateRange]] = defaultdict(list)
    for case_id, kind, reason, started_on, ended_on in pauses:
        if ended_on is not None and not pause_restarts_clock(kind, reason):
            stopped[case_id].append(DateRange(started_on, ended_on))
    return stopped


# Exemptions cited


@dataclass(frozen=True)
class ExemptionCited:
    code: str
    label: str
    requests: int


def exemptions_cited(
    period: Period, *, breakdown: Breakdown | None = None, limit: int = 10
) -> list[ExemptionCited]:
    """The exemptions and exceptions most relied on by the requests answered in the period, the
    most cited first: how many requests cited each."""
    done = answered(period)
    if breakdown is not None and breakdown.service_area is not None:
        done = breakdown.grouped(done, **_groups())
    rows = (
        AppliedExemption.objects.filter(request__case__in=done.values("pk"))
        .values("code")
        .annotate(requests=Count("request", distinct=True))
        .order_by("-requests", "code")[:limit]
    )
    return [
        ExemptionCited(row["code"], exemption(row["code"]).label, row["requests"]) for row in rows
    ]


# The published figure


@dataclass(frozen=True)
class InTime:
    answered: int
    judged: int  # answered with a due date to be judged against
    in_time: int

    @property
    def rate(self) -> float | None:
        return self.in_time / self.judged if self.judged else None


def foi_answered_in_time(period: Period) -> InTime:
    """Freedom of Information requests answered in the period across the council, and how many
    on or before their statutory due date: the figure the council publishes."""
    figures = (
        answered(period)
        .filter(kind=K.FOI)
        .aggregate(
            answered=Count("pk"),
            judged=Count("pk", filter=Q(due_on__isnull=False)),
            in_time=Count("pk", filter=Q(responded_on__lte=F("due_on"))),
        )
    )
    return InTime(**figures)
