"""Complaints by stage and service area: received, responded, in time, working days taken,
extensions, outcomes and escalations; and the lessons learned, for the week of 2 March 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.cases.models import CaseEvent, CaseKind, EventKind, Status
from opencex.complaints.models import Outcome
from opencex.insight.breakdown import Breakdown
from opencex.insight.complaints import Lesson, StageFigures, complaints_by_stage, lessons_learned
from tests.factories import (
    CaseFactory,
    ComplaintFactory,
    ServiceAreaFactory,
    ServiceFactory,
    StageResponseFactory,
    TeamFactory,
)
from tests.insight.conftest import WEEK, london

pytestmark = pytest.mark.django_db

D = dt.date
EMPTY = [StageFigures(1, "", is_total=True), StageFigures(2, "", is_total=True)]


def _service(area_name: str, title: str, **fields):
    area = ServiceAreaFactory(slug=area_name.lower().replace(" ", "-"), name=area_name)
    return ServiceFactory(title=title, team=TeamFactory(service_area=area), **fields)


@pytest.fixture
def bins():
    return _service("Waste and recycling", "Report a missed bin")


@pytest.fixture
def repairs():
    return _service("Council housing", "Report a repair")


def _complaint(received: dt.datetime, about, *, due: dt.date | None, **fields):
    fields = {"status": Status.ACKNOWLEDGED, **fields}
    case = CaseFactory(kind=CaseKind.COMPLAINT, received_at=received, due_on=due, **fields)
    ComplaintFactory(case=case, about_service=about)
    return case


def _respond(case, on: dt.date, **fields):
    return StageResponseFactory(complaint=case.complaint, responded_on=on, **fields)


def _stage(figures: list[StageFigures], stage: int) -> list[StageFigures]:
    return [row for row in figures if row.stage == stage]


def test_an_empty_period_has_a_total_for_each_stage_and_no_rates():
    figures = complaints_by_stage(WEEK)

    assert figures == EMPTY
    assert (figures[0].in_time_rate, figures[0].average_working_days) == (None, None)


def test_stage_one_complaints_are_counted_by_the_service_area_complained_about(bins, repairs):
    on_time = _complaint(london(2026, 3, 2), bins, due=D(2026, 3, 16))
    _respond(on_time, D(2026, 3, 6), outcome=Outcome.UPHELD)  # 4 working days
    late = _complaint(london(2026, 2, 16), bins, due=D(2026, 3, 3))
    _respond(late, D(2026, 3, 5))  # 13 working days
    _complaint(london(2026, 3, 3), repairs, due=D(2026, 3, 17))  # not answered yet

    housing, waste, total = _stage(complaints_by_stage(WEEK), 1)

    assert housing == StageFigures(1, "Council housing", received=1)
    assert waste == StageFigures(
        1, "Waste and recycling", received=1, responded=2, in_time=1, working_days=17,
        upheld=1, not_upheld=1,
    )  # fmt: skip
    assert (total.received, total.responded, total.in_time) == (2, 2, 1)
    assert (total.in_time_rate, total.average_working_days) == (0.5, 8.5)


def test_a_complaint_received_in_the_period_but_answered_after_it_is_only_received(bins):
    case = _complaint(london(2026, 3, 4), bins, due=D(2026, 3, 18))
    _respond(case, D(2026, 3, 9))

    total = _stage(complaints_by_stage(WEEK), 1)[-1]

    assert (total.received, total.responded, total.in_time_rate) == (1, 0, None)


def test_a_withdrawn_complaint_is_received_but_never_responded_or_late(bins):
    _complaint(
        london(2026, 3, 2), bins, due=D(2026, 3, 3), status=Status.WITHDRAWN,
        closed_at=london(2026, 3, 4),
    )  # fmt: skip

    total = _stage(complaints_by_stage(WEEK), 1)[-1]

    assert (total.received, total.responded, total.in_time_rate) == (1, 0, None)


def test_an_extended_deadline_judges_the_response_and_the_extension_is_counted(bins):
    # Acknowledged 3 March: due 17 March, extended by 10 working days to 31 March.
    case = _complaint(london(2026, 2, 27), bins, due=D(2026, 3, 31), is_extended=True)
    _respond(case, D(2026, 3, 5))
    plain = _complaint(london(2026, 2, 27), bins, due=D(2026, 3, 4))
    _respond(plain, D(2026, 3, 5))

    total = _stage(complaints_by_stage(WEEK), 1)[-1]

    assert (total.responded, total.in_time, total.extended) == (2, 1, 1)


def test_stage_two_counts_from_the_escalation_and_stage_one_counts_the_escalation(bins):
    # Received 2 February, answered at stage 1 on 16 February, escalated on 2 March.
    case = _complaint(
        london(2026, 2, 2), bins, due=D(2026, 3, 30), stage=2, clock_started_on=D(2026, 3, 2)
    )
    _respond(case, D(2026, 2, 16), stage=1, due_on=D(2026, 2, 23))
    _respond(case, D(2026, 3, 6), stage=2, outcome=Outcome.PARTLY_UPHELD)

    stage_1, stage_2 = _stage(complaints_by_stage(WEEK), 1), _stage(complaints_by_stage(WEEK), 2)

    assert stage_1[0] == StageFigures(1, "Waste and recycling", escalated=1)
    assert stage_2[0] == StageFigures(
        2, "Waste and recycling", received=1, responded=1, in_time=1, working_days=4,
        partly_upheld=1,
    )  # fmt: skip


def test_a_stage_one_response_keeps_its_own_due_date_after_escalation(bins):
    # The case's due date is now stage 2's; the stage 1 response was late against its own.
    case = _complaint(
        london(2026, 2, 9), bins, due=D(2026, 4, 1), stage=2, clock_started_on=D(2026, 3, 6)
    )
    _respond(case, D(2026, 3, 3), stage=1, due_on=D(2026, 2, 27))

    stage_1 = _stage(complaints_by_stage(WEEK), 1)[-1]

    assert (stage_1.responded, stage_1.in_time, stage_1.escalated) == (1, 0, 1)


def test_extensions_are_counted_at_the_stage_that_used_them(bins):
    case = _complaint(
        london(2026, 2, 9), bins, due=D(2026, 4, 1), stage=2, clock_started_on=D(2026, 3, 5)
    )
    for kind, at in [(EventKind.EXTENDED, london(2026, 2, 20)),
                     (EventKind.ESCALATED, london(2026, 3, 5))]:  # fmt: skip
        CaseEvent.objects.create(case=case, kind=kind, at=at, summary=kind.label)
    _respond(case, D(2026, 3, 3), stage=1, due_on=D(2026, 3, 9))
    extended_at_stage_2 = _complaint(
        london(2026, 2, 2), bins, due=D(2026, 4, 1), stage=2, clock_started_on=D(2026, 3, 3),
        is_extended=True,
    )  # fmt: skip
    for kind, at in [(EventKind.ESCALATED, london(2026, 3, 3)),
                     (EventKind.EXTENDED, london(2026, 3, 4))]:  # fmt: skip
        CaseEvent.objects.create(case=extended_at_stage_2, kind=kind, at=at, summary=kind.label)
    _respond(extended_at_stage_2, D(2026, 3, 2), stage=1, due_on=D(2026, 2, 23))
    _respond(extended_at_stage_2, D(2026, 3, 6), stage=2)

    figures = complaints_by_stage(WEEK)

    assert (_stage(figures, 1)[-1].responded, _stage(figures, 1)[-1].extended) == (2, 1)
    assert (_stage(figures, 2)[-1].responded, _stage(figures, 2)[-1].extended) == (1, 1)


def test_a_complaint_marked_responded_without_a_stage_response_has_no_outcome(bins):
    _complaint(
        london(2026, 3, 2), bins, due=D(2026, 3, 16), status=Status.RESPONDED,
        responded_on=D(2026, 3, 4),
    )  # fmt: skip

    total = _stage(complaints_by_stage(WEEK), 1)[-1]

    assert (total.responded, total.in_time, total.working_days) == (1, 1, 2)
    assert total.outcome_not_recorded == 1


def test_the_service_complained_about_comes_from_the_request_or_else_the_case(bins, repairs):
    doorway = _service("Customer services", "Make a complaint", case_kind=CaseKind.COMPLAINT)
    request = CaseFactory(service=repairs, received_at=london(2026, 2, 20))
    raised = _complaint(london(2026, 3, 2), None, due=None, service=doorway)
    raised.complaint.raised_from = request
    raised.complaint.save()
    CaseFactory(kind=CaseKind.COMPLAINT, received_at=london(2026, 3, 3), service=bins)
    CaseFactory(kind=CaseKind.COMPLAINT, received_at=london(2026, 3, 4), service=doorway)

    rows = _stage(complaints_by_stage(WEEK), 1)

    assert [(row.group, row.received) for row in rows] == [
        ("Council housing", 1),
        ("Waste and recycling", 1),
        ("", 1),  # made through the doorway, about no service we know yet
        ("", 3),
    ]
    assert [row.is_total for row in rows] == [False, False, False, True]


def test_within_one_service_area_the_rows_are_its_services(bins, repairs):
    garden = ServiceFactory(title="Garden waste", team=bins.team)
    _complaint(london(2026, 3, 2), bins, due=None)
    _complaint(london(2026, 3, 3), garden, due=None)
    _complaint(london(2026, 3, 3), repairs, due=None)

    rows = _stage(complaints_by_stage(WEEK, breakdown=Breakdown(bins.service_area)), 1)

    assert [(row.group, row.received) for row in rows] == [
        ("Garden waste", 1),
        ("Report a missed bin", 1),
        ("", 2),
    ]


# Lessons learned


def _lesson(case, on: dt.date, lesson: str, service):
    return _respond(
        case, on, lesson_learned=lesson, lesson_service=service,
        lesson_service_area=service.service_area,
    )  # fmt: skip


def test_the_lessons_learned_in_the_period_come_newest_first(bins, repairs):
    first = _complaint(london(2026, 2, 20), bins, due=None, reference="CMP-0001")
    _lesson(first, D(2026, 3, 3), "Check assisted collections at the end of each round.", bins)
    second = _complaint(london(2026, 2, 20), repairs, due=None, reference="CMP-0002")
    _lesson(second, D(2026, 3, 5), "Confirm appointments the day before.", repairs)
    earlier = _complaint(london(2026, 2, 2), bins, due=None)
    _lesson(earlier, D(2026, 2, 27), "Before the period.", bins)
    _respond(_complaint(london(2026, 2, 20), bins, due=None), D(2026, 3, 4))  # no lesson

    assert lessons_learned(WEEK) == [
        Lesson(D(2026, 3, 5), "Council housing", "Report a repair",
               "Confirm appointments the day before.", "CMP-0002", 1),
        Lesson(D(2026, 3, 3), "Waste and recycling", "Report a missed bin",
               "Check assisted collections at the end of each round.", "CMP-0001", 1),
    ]  # fmt: skip


def test_the_lessons_can_be_for_one_service_area(bins, repairs):
    _lesson(_complaint(london(2026, 3, 2), bins, due=None), D(2026, 3, 3), "Bins lesson", bins)
    _lesson(_complaint(london(2026, 3, 2), repairs, due=None), D(2026, 3, 3), "Repairs", repairs)

    lessons = lessons_learned(WEEK, breakdown=Breakdown(repairs.service_area))

    assert [lesson.lesson for lesson in lessons] == ["Repairs"]
