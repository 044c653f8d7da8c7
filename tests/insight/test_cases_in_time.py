"""Cases received, finished and finished in time, by kind (complaints by stage)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from opencex.cases.models import CaseKind, ClockPause, PauseReason, Status
from opencex.insight.periods import Period
from opencex.insight.selectors import KindTimeliness, cases_by_kind
from tests.factories import CaseFactory
from tests.insight.conftest import WEEK, london, utc

pytestmark = pytest.mark.django_db

D = dt.date


def _request(received: dt.datetime, *, due: dt.date | None, closed: dt.datetime | None = None,
             **fields):  # fmt: skip
    status = Status.CLOSED if closed else Status.IN_PROGRESS
    return CaseFactory(received_at=received, due_on=due, closed_at=closed, status=status, **fields)


def test_requests_received_finished_and_in_time_in_a_week():
    _request(london(2026, 3, 2), due=D(2026, 3, 4), closed=london(2026, 3, 4, 15))  # in time
    _request(london(2026, 2, 20), due=D(2026, 3, 3), closed=london(2026, 3, 5))  # late
    _request(london(2026, 3, 3), due=D(2026, 3, 5))  # still open
    _request(london(2026, 3, 3), due=None, closed=london(2026, 3, 6))  # no due date

    requests = KindTimeliness(
        CaseKind.SERVICE_REQUEST, None, received=3, finished=3, without_due_date=1, in_time=1
    )
    assert cases_by_kind(WEEK) == [requests, replace(requests, kind="")]
    assert cases_by_kind(WEEK)[0].in_time_rate == 0.5


def test_a_withdrawn_case_counts_as_received_but_not_as_finished():
    CaseFactory(
        received_at=london(2026, 3, 2), status=Status.WITHDRAWN, closed_at=london(2026, 3, 3)
    )

    row, _ = cases_by_kind(WEEK)
    assert (row.received, row.finished, row.in_time_rate) == (1, 0, None)


def test_an_information_request_is_finished_when_responded_to_not_when_closed():
    CaseFactory(
        kind=CaseKind.FOI,
        received_at=london(2026, 2, 2),
        due_on=D(2026, 3, 6),
        responded_on=D(2026, 3, 6),
        closed_at=london(2026, 3, 10),
        status=Status.CLOSED,
    )

    assert cases_by_kind(WEEK)[0] == KindTimeliness(
        CaseKind.FOI, None, received=0, finished=1, without_due_date=0, in_time=1
    )


def test_a_case_whose_clock_stopped_twice_counts_once():
    case = CaseFactory(
        kind=CaseKind.FOI,
        received_at=london(2026, 2, 2),
        due_on=D(2026, 3, 13),  # the stored due date already allows for both pauses
        responded_on=D(2026, 3, 5),
        status=Status.RESPONDED,
    )
    for start, end in [(D(2026, 2, 5), D(2026, 2, 9)), (D(2026, 2, 16), D(2026, 2, 20))]:
        ClockPause.objects.create(
            case=case, reason=PauseReason.CLARIFICATION, started_on=start, ended_on=end
        )

    row, _ = cases_by_kind(WEEK)
    assert (row.finished, row.in_time) == (1, 1)


def test_complaints_are_reported_by_stage():
    CaseFactory(kind=CaseKind.COMPLAINT, received_at=london(2026, 3, 2))
    CaseFactory(
        kind=CaseKind.COMPLAINT,
        stage=2,
        received_at=london(2026, 1, 10),
        due_on=D(2026, 3, 6),
        responded_on=D(2026, 3, 7),
        status=Status.RESPONDED,
    )

    rows = cases_by_kind(WEEK)

    assert [(row.label, row.received, row.finished, row.in_time) for row in rows] == [
        ("Complaint (stage 1)", 1, 0, 0),
        ("Complaint (stage 2)", 0, 1, 0),
        ("", 1, 1, 0),
    ]
    assert rows[1].in_time_rate == 0


def test_a_case_closed_after_midnight_london_time_was_closed_the_next_day():
    summer = Period(D(2026, 7, 6), D(2026, 7, 12))
    _request(london(2026, 7, 6), due=D(2026, 7, 12), closed=utc(2026, 7, 12, 23, 30))

    row, _ = cases_by_kind(summer)
    assert (row.received, row.finished) == (1, 0)


def test_closing_on_the_due_date_is_in_time():
    _request(london(2026, 3, 2), due=D(2026, 3, 6), closed=london(2026, 3, 6, 23, 59))

    row, _ = cases_by_kind(WEEK)
    assert row.in_time_rate == 1


def test_an_empty_period_has_only_an_empty_total():
    _request(london(2026, 3, 9), due=D(2026, 3, 10), closed=london(2026, 3, 10))

    assert cases_by_kind(WEEK) == [KindTimeliness("", None, 0, 0, 0, 0)]
    assert cases_by_kind(WEEK)[0].in_time_rate is None


def test_the_total_is_in_time_across_kinds_leaving_out_cases_without_a_due_date():
    _request(london(2026, 3, 2), due=D(2026, 3, 4), closed=london(2026, 3, 4))
    _request(london(2026, 3, 2), due=None, closed=london(2026, 3, 4))
    CaseFactory(
        kind=CaseKind.FOI,
        received_at=london(2026, 2, 2),
        due_on=D(2026, 3, 2),
        responded_on=D(2026, 3, 3),
        status=Status.RESPONDED,
    )

    total = cases_by_kind(WEEK)[-1]
    assert (total.finished, total.without_due_date, total.in_time) == (3, 1, 1)
    assert total.in_time_rate == 0.5
