"""Complaint figures for a period, stage by stage and by the service area (or service) complained
about: received, responded, responded in time, working days taken, extensions, outcomes and
escalations to stage 2; and the lessons learned from the responses."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Case as DbCase
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, When

from opencex.cases.models import Case, CaseEvent, CaseKind, EventKind, Status
from opencex.complaints import selectors as complaint_selectors
from opencex.complaints.models import Outcome, StageResponse
from opencex.insight.breakdown import Breakdown, GroupKey
from opencex.insight.durations import WorkingDaysTaken, clock_calendar
from opencex.insight.periods import Period

STAGES = (1, 2)


@dataclass(frozen=True)
class StageFigures:
    """One stage's figures for one service area or service (`group`, "" when not recorded), or
    for all of them together (`is_total`)."""

    stage: int
    group: str
    is_total: bool = False
    received: int = 0  # stage 1: complaints received; stage 2: escalations asked for
    responded: int = 0
    without_due_date: int = 0  # of those responded
    in_time: int = 0  # responded on or before the stage's due date
    working_days: int = 0  # the working days each response took, added up
    extended: int = 0  # responses whose stage deadline had been extended
    upheld: int = 0
    partly_upheld: int = 0
    not_upheld: int = 0
    escalated: int = 0  # stage 1 only: the same as stage 2's received

    @property
    def in_time_rate(self) -> float | None:
        judged = self.responded - self.without_due_date
        return self.in_time / judged if judged else None

    @property
    def average_working_days(self) -> float | None:
        return self.working_days / self.responded if self.responded else None

    @property
    def outcome_not_recorded(self) -> int:
        return self.responded - self.upheld - self.partly_upheld - self.not_upheld


def complaints_by_stage(
    period: Period, *, breakdown: Breakdown | None = None
) -> list[StageFigures]:
    """For stage 1 then stage 2: a row per service area complained about (or per service, when
    `breakdown` is within one service area) with anything to count, then all of them together.

    - Received: at stage 1, complaints received in the period; at stage 2, complaints whose
      stage 2 began in the period (the day the resident asked). Withdrawn ones included.
    - Responded: stage responses sent in the period. Each is a `StageResponse`, which keeps its
      stage's due date after the complaint moves on to stage 2. One marked on the case without
      it (the case page's "change status") counts at the case's current stage with no outcome;
      once that complaint is escalated its stage 1 answer is only in the timeline, so it is no
      longer counted. A stage withdrawn before its response is never responded, in time or late.
    - In time: sent on or before the stage's due date, which allows for its extension.
    - Working days: from the stage's clock start (stage 1: the day the complaint was received;
      stage 2: the day it was escalated) to the response, in the council's calendar without
      closure days, as the complaint clocks count; the acknowledgement days are included.
    - Extended: the stage's one extension had been used when the response was sent.
    - Escalated (stage 1): complaints taken to stage 2 in the period.
    """
    breakdown = breakdown or Breakdown()
    counts: dict[tuple[int, GroupKey], Counter[str]] = defaultdict(Counter)
    complaints = Case.objects.filter(kind=CaseKind.COMPLAINT)
    received_by_stage = {
        1: complaints.filter(received_on__range=(period.start, period.end)),
        2: complaints.filter(stage=2, clock_started_on__range=(period.start, period.end)),
    }
    for stage, received in received_by_stage.items():
        grouped = breakdown.grouped(received, **_about(complaint="complaint__", case=""))
        for row in grouped.order_by().values("group").annotate(n=Count("pk")):
            counts[(stage, row["group"])]["received"] += row["n"]
            if stage == 2:
                counts[(1, row["group"])]["escalated"] += row["n"]

    taken = WorkingDaysTaken(clock_calendar(CaseKind.COMPLAINT))
    for rows in (_recorded_responses(period, breakdown), _unrecorded_responses(period, breakdown)):
        for row in rows:
            counted = counts[(row.pop("stage"), row.pop("group"))]
            started_on, responded_on, n = (
                row.pop("started_on"),
                row.pop("responded_on"),
                row.pop("n"),
            )
            counted["responded"] += n
            counted["working_days"] += n * taken(started_on, responded_on)
            counted.update(row)  # without a due date, in time, extended and the outcomes

    figures: list[StageFigures] = []
    for stage in STAGES:
        in_stage = {group: counts[(stage, group)] for s, group in list(counts) if s == stage}
        figures += [
            StageFigures(stage, name, False, **in_stage[group])
            for group, name in breakdown.in_order(in_stage)
        ]
        total: Counter[str] = Counter()
        for counted in in_stage.values():
            total.update(counted)
        figures.append(StageFigures(stage, "", True, **total))
    return figures


def _about(*, complaint: str, case: str) -> dict[str, DbCase]:
    """The service complained about and its service area, as recorded: the one an officer chose,
    else the service of the request the complaint was raised from, else the complaint case's own
    service unless that is only the council's "make a complaint" doorway. `complaint` and `case`
    are the paths from the rows counted to the Complaint and to its case."""

    def choose(then: str) -> DbCase:
        return DbCase(
            When(Q(**{f"{complaint}about_service__isnull": False}),
                 then=F(f"{complaint}about_service{then}")),
            When(Q(**{f"{complaint}raised_from__service__isnull": False}),
                 then=F(f"{complaint}raised_from__service{then}")),
            When(Q(**{f"{case}service__isnull": False})
                 & ~Q(**{f"{case}service__case_kind": CaseKind.COMPLAINT}),
                 then=F(f"{case}service{then}")),
            default=None,
        )  # fmt: skip

    return {"service": choose(""), "area": choose("__service_area")}


def _in_period(period: Period) -> dict[str, tuple[date, date]]:
    return {"responded_on__range": (period.start, period.end)}


def _recorded_responses(period: Period, breakdown: Breakdown) -> QuerySet:
    responses = breakdown.grouped(
        StageResponse.objects.filter(**_in_period(period)),
        **_about(complaint="complaint__", case="complaint__case__"),
    )
    # A stage 1 response of a complaint now at stage 2: its extension, if any, came before the
    # escalation (the case's own flag has been reset for stage 2).
    escalated_at = CaseEvent.objects.filter(
        case=OuterRef(OuterRef("complaint__case")), kind=EventKind.ESCALATED
    ).order_by("at")
    extended_at_stage_1 = CaseEvent.objects.filter(
        case=OuterRef("complaint__case"),
        kind=EventKind.EXTENDED,
        at__lt=Subquery(escalated_at.values("at")[:1]),
    )
    was_extended = Q(stage=F("complaint__case__stage"), complaint__case__is_extended=True) | (
        Q(stage=1, complaint__case__stage=2) & Q(Exists(extended_at_stage_1))
    )
    return _counted(
        responses.annotate(started_on=_stage_start("complaint__case__")),
        was_extended=was_extended,
        upheld=Count("pk", filter=Q(outcome=Outcome.UPHELD)),
        partly_upheld=Count("pk", filter=Q(outcome=Outcome.PARTLY_UPHELD)),
        not_upheld=Count("pk", filter=Q(outcome=Outcome.NOT_UPHELD)),
    )


def _unrecorded_responses(period: Period, breakdown: Breakdown) -> QuerySet:
    """Complaints marked responded at their current stage with no stage response written."""
    recorded = StageResponse.objects.filter(complaint__case=OuterRef("pk"), stage=OuterRef("stage"))
    cases = (
        Case.objects.filter(kind=CaseKind.COMPLAINT, **_in_period(period))
        .exclude(status=Status.WITHDRAWN)
        .exclude(Exists(recorded))
    )
    return _counted(
        breakdown.grouped(cases, **_about(complaint="complaint__", case="")).annotate(
            started_on=_stage_start("")
        ),
        was_extended=Q(is_extended=True),
    )


def _counted(responses: QuerySet, *, was_extended: Q, **more: Count) -> QuerySet:
    """Responses counted by stage, group, start and response day: how many, how many with no due
    date, how many on or before it, how many extended, and `more`."""
    return (
        responses.order_by()
        .values("stage", "group", "started_on", "responded_on")
        .annotate(
            n=Count("pk"),
            without_due_date=Count("pk", filter=Q(due_on__isnull=True)),
            in_time=Count("pk", filter=Q(responded_on__lte=F("due_on"))),
            extended=Count("pk", filter=was_extended),
            **more,
        )
    )


def _stage_start(case: str) -> DbCase:
    """Stage 1's clock starts on the day of receipt; stage 2's on the day of escalation, which
    `Case.begin_stage_two` made the case's clock start."""
    return DbCase(When(stage=1, then=F(f"{case}received_on")), default=F(f"{case}clock_started_on"))


# Lessons learned


@dataclass(frozen=True)
class Lesson:
    responded_on: date
    service_area: str
    service: str
    lesson: str
    reference: str
    stage: int


def lessons_learned(period: Period, *, breakdown: Breakdown | None = None) -> list[Lesson]:
    """The lessons recorded with the stage responses sent in the period, newest first; within
    one service area when `breakdown` is."""
    area = breakdown.service_area if breakdown else None
    responses = complaint_selectors.lessons_learned(service_area=area).filter(**_in_period(period))
    return [
        Lesson(
            responded_on=response.responded_on,
            service_area=response.lesson_service_area.name if response.lesson_service_area else "",
            service=response.lesson_service.title if response.lesson_service else "",
            lesson=response.lesson_learned,
            reference=response.complaint.case.reference,
            stage=response.stage,
        )
        for response in responses
    ]
