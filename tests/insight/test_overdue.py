"""Open cases past their due date on a day, by kind of case and team: the queues' own overdue."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opencex.cases import reminders
from opencex.cases.models import Case, CaseKind, HazardClass, Status
from opencex.cases.selectors import ClockStatus, QueueFilters, queue_cases
from opencex.insight.overdue import Overdue, overdue_now
from tests.factories import CaseFactory, TeamFactory
from tests.insight.conftest import london

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 10)


def _case(due: dt.date | None, status=Status.IN_PROGRESS, **fields):
    fields.setdefault("received_at", london(2026, 2, 2))
    return CaseFactory(due_on=due, status=status, **fields)


def test_nothing_overdue_gives_only_an_empty_total():
    assert overdue_now(TODAY) == [Overdue("", None, "", 0, None, is_total=True)]


def test_open_cases_past_their_due_date_are_counted_by_kind_stage_and_team():
    bins = TeamFactory(name="Waste Services")
    complaints = TeamFactory(name="Complaints and Feedback")
    _case(D(2026, 3, 9), team=bins)
    _case(D(2026, 3, 2), team=bins, status=Status.AWAITING_RESIDENT)
    _case(D(2026, 3, 5))  # no team
    _case(D(2026, 2, 27), kind=CaseKind.COMPLAINT, stage=2, team=complaints)
    _case(D(2026, 3, 3), kind=CaseKind.FOI, team=complaints)

    assert overdue_now(TODAY) == [
        Overdue(CaseKind.SERVICE_REQUEST, None, "Waste Services", 2, D(2026, 3, 2)),
        Overdue(CaseKind.SERVICE_REQUEST, None, "", 1, D(2026, 3, 5)),
        Overdue(CaseKind.COMPLAINT, 2, "Complaints and Feedback", 1, D(2026, 2, 27)),
        Overdue(CaseKind.FOI, None, "Complaints and Feedback", 1, D(2026, 3, 3)),
        Overdue("", None, "", 5, D(2026, 2, 27), is_total=True),
    ]


def test_cases_due_today_finished_withdrawn_or_with_a_stopped_clock_are_not_overdue():
    _case(TODAY)
    _case(D(2026, 3, 2), status=Status.RESPONDED, responded_on=D(2026, 3, 4))
    _case(D(2026, 3, 2), status=Status.CLOSED)
    _case(D(2026, 3, 2), status=Status.WITHDRAWN)
    _case(None, kind=CaseKind.FOI, status=Status.AWAITING_RESIDENT)  # a paused clock

    assert overdue_now(TODAY)[-1].cases == 0


def test_a_complaint_is_labelled_with_its_stage():
    _case(D(2026, 3, 2), kind=CaseKind.COMPLAINT, stage=1)

    assert overdue_now(TODAY)[0].label == "Complaint (stage 1)"


def test_an_emergency_due_at_nine_is_overdue_at_nine_oh_one_in_report_queue_and_reminders():
    due_at = london(2026, 3, 10, 9, 0)
    emergency = _case(
        TODAY, hazard_class=HazardClass.EMERGENCY, due_at=due_at, received_at=london(2026, 3, 9, 9)
    )
    with time_machine.travel(due_at + dt.timedelta(minutes=1), tick=False):
        today = timezone.localdate()
        report = overdue_now(today)
        queue = queue_cases(
            Case.objects.all(), QueueFilters(clock=ClockStatus.OVERDUE), today=today
        )
        reminded = reminders.cases_past_their_date(today)

        assert report[-1] == Overdue("", None, "", 1, TODAY, is_total=True)
        assert list(queue) == list(reminded) == [emergency]


def test_an_emergency_due_at_nine_is_not_overdue_a_minute_before():
    due_at = london(2026, 3, 10, 9, 0)
    _case(
        TODAY, hazard_class=HazardClass.EMERGENCY, due_at=due_at, received_at=london(2026, 3, 9, 9)
    )

    with time_machine.travel(due_at - dt.timedelta(minutes=1), tick=False):
        assert overdue_now(timezone.localdate())[-1].cases == 0
