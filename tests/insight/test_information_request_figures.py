"""Information requests by kind and service area: received, answered, in time, days taken,
extensions, decisions, ICO complaints; the exemptions cited; and the FOI figure the council
publishes."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.cases.models import CaseKind, ClockPause, PauseReason, Status
from opencex.inforights.legislation import exemption
from opencex.inforights.models import Decision
from opencex.insight.breakdown import Breakdown
from opencex.insight.information_requests import (
    KINDS,
    ExemptionCited,
    InTime,
    RequestFigures,
    exemptions_cited,
    foi_answered_in_time,
    information_requests,
)
from opencex.insight.periods import Period
from tests.factories import (
    AppliedExemptionFactory,
    CaseFactory,
    IcoComplaintFactory,
    InformationRequestFactory,
    ServiceAreaFactory,
    ServiceFactory,
    TeamFactory,
)
from tests.insight.conftest import WEEK, london

pytestmark = pytest.mark.django_db

D = dt.date
K = CaseKind
# Monday 16 to Sunday 22 March 2026: Tuesday 17 March is St Patrick's Day, a bank holiday in
# Northern Ireland only, so it stops FOI clocks but not a subject access clock in England.
ST_PATRICKS_WEEK = Period(D(2026, 3, 16), D(2026, 3, 22))


@pytest.fixture
def governance():
    area = ServiceAreaFactory(slug="customer-services", name="Customer services")
    return TeamFactory(slug="information-governance", service_area=area)


def _request(kind=K.FOI, *, received: dt.datetime, answered: dt.date | None = None,
             due: dt.date | None, decision: str = "", **fields):  # fmt: skip
    status = Status.RESPONDED if answered else Status.IN_PROGRESS
    case = CaseFactory(
        kind=kind, received_at=received, responded_on=answered, due_on=due,
        **{"status": status, **fields},
    )  # fmt: skip
    if decision:
        InformationRequestFactory(case=case, decision=decision, decided_on=answered)
    return case


def _totals(period: Period = WEEK, **options) -> dict[str, RequestFigures]:
    return {row.kind: row for row in information_requests(period, **options) if row.is_total}


def test_an_empty_period_has_a_total_for_each_kind_and_no_rates():
    figures = information_requests(WEEK)

    assert figures == [RequestFigures(kind, "", is_total=True) for kind in KINDS]
    assert figures[0].in_time_rate is None
    assert figures[0].average_working_days is None
    assert foi_answered_in_time(WEEK) == InTime(answered=0, judged=0, in_time=0)
    assert foi_answered_in_time(WEEK).rate is None
    assert exemptions_cited(WEEK) == []


def test_foi_requests_are_counted_received_answered_and_in_time(governance):
    _request(
        received=london(2026, 2, 9), answered=D(2026, 3, 6), due=D(2026, 3, 9), team=governance
    )
    _request(
        received=london(2026, 2, 2), answered=D(2026, 3, 3), due=D(2026, 3, 2), team=governance
    )
    _request(received=london(2026, 3, 4), due=D(2026, 4, 1), team=governance)  # still open

    area, total = information_requests(WEEK)[:2]

    assert area == RequestFigures(
        K.FOI, "Customer services", received=1, answered=2, in_time=1,
        working_days=19 + 21, calendar_days=25 + 29,
    )  # fmt: skip
    assert total == RequestFigures(**{**vars(area), "group": "", "is_total": True})
    assert (total.in_time_rate, total.average_working_days) == (0.5, 20.0)


def test_foi_days_are_counted_in_the_uk_wide_calendar_and_subject_access_in_the_councils():
    _request(K.FOI, received=london(2026, 3, 13), answered=D(2026, 3, 19), due=D(2026, 4, 14))
    _request(K.SAR, received=london(2026, 3, 13), answered=D(2026, 3, 19), due=D(2026, 4, 13))

    totals = _totals(ST_PATRICKS_WEEK)

    assert (totals[K.FOI].working_days, totals[K.FOI].calendar_days) == (3, 6)
    assert (totals[K.SAR].working_days, totals[K.SAR].calendar_days) == (4, 6)


def test_days_the_fees_notice_stopped_the_clock_are_not_counted():
    case = _request(received=london(2026, 2, 23), answered=D(2026, 3, 5), due=D(2026, 3, 26))
    ClockPause.objects.create(
        case=case, reason=PauseReason.FEES_NOTICE, started_on=D(2026, 2, 25),
        ended_on=D(2026, 2, 27),
    )  # fmt: skip

    foi = _totals()[K.FOI]

    assert (foi.working_days, foi.calendar_days, foi.in_time) == (8 - 3, 10 - 3, 1)


def test_a_clarification_counts_from_the_day_the_clock_restarted():
    case = _request(
        received=london(2026, 2, 23), answered=D(2026, 3, 5), due=D(2026, 3, 26),
        clock_started_on=D(2026, 2, 26),
    )  # fmt: skip
    ClockPause.objects.create(
        case=case, reason=PauseReason.CLARIFICATION, started_on=D(2026, 2, 24),
        ended_on=D(2026, 2, 26),
    )  # fmt: skip

    assert _totals()[K.FOI].working_days == 5  # 27 February, then 2 to 5 March


def test_an_extended_request_is_in_time_by_its_extended_date_and_counted_as_extended():
    # Received 2 February: the 20th working day is 2 March, the 40th 30 March.
    _request(received=london(2026, 2, 2), answered=D(2026, 3, 4), due=D(2026, 3, 30),
             is_extended=True)  # fmt: skip

    foi = _totals()[K.FOI]

    assert (foi.answered, foi.in_time, foi.extended) == (1, 1, 1)


def test_a_request_received_in_the_period_but_answered_after_it_is_only_received():
    _request(received=london(2026, 3, 3), answered=D(2026, 3, 10), due=D(2026, 3, 31))

    foi = _totals()[K.FOI]

    assert (foi.received, foi.answered, foi.in_time_rate) == (1, 0, None)


def test_a_withdrawn_or_lapsed_request_is_received_but_never_answered_or_late():
    _request(received=london(2026, 3, 2), due=D(2026, 3, 3), status=Status.WITHDRAWN,
             closed_at=london(2026, 3, 4))  # fmt: skip

    foi = _totals()[K.FOI]

    assert (foi.received, foi.answered, foi.in_time_rate) == (1, 0, None)
    assert foi_answered_in_time(WEEK) == InTime(answered=0, judged=0, in_time=0)


def test_decisions_are_counted_and_an_answer_without_one_is_shown_as_not_recorded():
    for decision in [Decision.RELEASED, Decision.RELEASED, Decision.REFUSED,
                     Decision.NEITHER_CONFIRM_NOR_DENY, ""]:  # fmt: skip
        _request(received=london(2026, 2, 9), answered=D(2026, 3, 5), due=D(2026, 3, 9),
                 decision=decision)  # fmt: skip

    foi = _totals()[K.FOI]

    assert (foi.answered, foi.released, foi.refused, foi.neither_confirm_nor_deny) == (5, 2, 1, 1)
    assert (foi.part_released, foi.not_held, foi.decision_not_recorded) == (0, 0, 1)


def test_ico_complaints_received_in_the_period_count_against_the_kind_complained_about():
    review = _request(K.FOI_INTERNAL_REVIEW, received=london(2026, 1, 5), due=D(2026, 2, 2))
    IcoComplaintFactory(case=review, received_on=D(2026, 3, 4))
    IcoComplaintFactory(case=review, received_on=D(2026, 2, 27))

    totals = _totals()

    assert (totals[K.FOI_INTERNAL_REVIEW].ico_complaints, totals[K.FOI].ico_complaints) == (1, 0)


def test_requests_without_a_service_belong_to_their_teams_service_area(governance):
    parking = ServiceFactory(title="Parking permits")
    _request(received=london(2026, 3, 2), due=None, team=governance)
    _request(received=london(2026, 3, 2), due=None, service=parking, team=governance)
    _request(received=london(2026, 3, 2), due=None)  # the factory's case has no team

    groups = [(row.group, row.received) for row in information_requests(WEEK) if row.kind == K.FOI]

    assert groups == [
        ("Customer services", 1),
        (parking.service_area.name, 1),
        ("", 1),
        ("", 3),
    ]


def test_within_one_service_area_the_rows_are_its_services(governance):
    foi = ServiceFactory(title="Make an FOI request", team=governance)
    _request(received=london(2026, 3, 2), due=None, service=foi, team=governance)
    _request(received=london(2026, 3, 2), due=None, team=governance)  # no service
    _request(received=london(2026, 3, 2), due=None, service=ServiceFactory())  # another area

    rows = information_requests(WEEK, breakdown=Breakdown(governance.service_area))

    assert [(row.group, row.received) for row in rows if row.kind == K.FOI] == [
        ("Make an FOI request", 1),
        ("", 1),
        ("", 2),
    ]


def test_the_most_cited_exemptions_come_first(governance):
    def answered_citing(*codes, answered=None, **fields):
        answered = answered or D(2026, 3, 4)
        case = _request(received=london(2026, 2, 9), answered=answered, due=D(2026, 3, 9),
                        decision=Decision.REFUSED, **fields)  # fmt: skip
        for code in codes:
            AppliedExemptionFactory(request=case.register_entry, code=code)

    answered_citing("foia-s43(2)", "foia-s40(2)")
    answered_citing("foia-s40(2)")
    answered_citing("foia-s21", answered=D(2026, 3, 9))  # after the period
    answered_citing("foia-s12", team=governance)

    assert [(row.code, row.requests) for row in exemptions_cited(WEEK)] == [
        ("foia-s40(2)", 2),
        ("foia-s12", 1),
        ("foia-s43(2)", 1),
    ]
    assert exemptions_cited(WEEK, limit=1) == [
        ExemptionCited("foia-s40(2)", exemption("foia-s40(2)").label, 2)
    ]
    assert exemptions_cited(WEEK, breakdown=Breakdown(governance.service_area)) == [
        ExemptionCited("foia-s12", exemption("foia-s12").label, 1)
    ]


def test_the_published_foi_figure_is_foi_requests_only_across_the_council(governance):
    _request(
        received=london(2026, 2, 9), answered=D(2026, 3, 6), due=D(2026, 3, 9), team=governance
    )
    _request(received=london(2026, 2, 2), answered=D(2026, 3, 3), due=D(2026, 3, 2))
    _request(received=london(2026, 2, 2), answered=D(2026, 3, 3), due=None)
    _request(K.EIR, received=london(2026, 2, 2), answered=D(2026, 3, 3), due=D(2026, 3, 2))

    assert foi_answered_in_time(WEEK) == InTime(answered=3, judged=2, in_time=1)
    assert foi_answered_in_time(WEEK).rate == 0.5
