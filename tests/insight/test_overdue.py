"""Open cases past their due date on a day, by kind of case and team."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.cases.models import CaseKind, Status
from opencex.insight.overdue import Overdue, overdue_now
from tests.factories import CaseFactory, TeamFactory
from tests.insight.conftest import london

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 10)


def _case(due: dt.date | None, status=Status.IN_PROGRESS, **fields):
    return CaseFactory(received_at=london(2026, 2, 2), due_on=due, status=status, **fields)


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
