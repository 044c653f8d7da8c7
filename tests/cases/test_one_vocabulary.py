"""One definition each of the open pause, clock status, "due soon", "vulnerable" and the
client's address: every place that asks gets the same answer."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.cases import reminders
from opencex.cases.models import Case, ClockPause, PauseReason, Priority, Status
from opencex.cases.policies import ReferenceGrant, grant_holds
from opencex.cases.selectors import (
    VULNERABLE,
    ClockStatus,
    QueueFilters,
    case_for_reference_and_email,
    case_is_vulnerable,
    cases_with_clock_status,
    clock_conditions,
    count_open_cases,
    due_soon_limit,
    has_open_pause,
    is_vulnerable,
    queue_cases,
    with_clock_status,
)
from opencex.insight.overdue import overdue_now
from opencex.notify.delivery import reply_address
from opencex.notify.models import Notification
from opencex.notify.services import route_for_case
from opencex.staff.queues.views import VULNERABLE_RESIDENTS, Queue, queue_scope
from tests.cases.conftest import at_ten
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE = dt.date(2026, 12, 24)


@pytest.fixture
def cases_in_every_clock_state():
    """Cases seen on Christmas Eve 2026: the "due soon" limit is two working days on, Tuesday
    5 January 2027, past Christmas, the bank holidays and the council's closure days."""
    on = CHRISTMAS_EVE
    made = {
        "overdue": CaseFactory(status=Status.IN_PROGRESS, due_on=on - dt.timedelta(days=1)),
        "due_today": CaseFactory(status=Status.IN_PROGRESS, due_on=on),
        "due_after_christmas": CaseFactory(status=Status.IN_PROGRESS, due_on=dt.date(2027, 1, 5)),
        "on_track": CaseFactory(status=Status.IN_PROGRESS, due_on=dt.date(2027, 1, 6)),
        "no_date": CaseFactory(status=Status.RECEIVED, due_on=None),
        "paused": CaseFactory(status=Status.AWAITING_RESIDENT, due_on=None),
        "was_paused": CaseFactory(status=Status.IN_PROGRESS, due_on=on),
        "closed": CaseFactory(status=Status.CLOSED, due_on=on - dt.timedelta(days=9)),
    }
    made["paused"].pauses.create(reason=PauseReason.CLARIFICATION, started_on=on)
    made["was_paused"].pauses.create(
        reason=PauseReason.CLARIFICATION, started_on=on - dt.timedelta(days=5), ended_on=on
    )
    return made


EXPECTED_STATUS = {
    "overdue": ClockStatus.OVERDUE,
    "due_today": ClockStatus.DUE_SOON,
    "due_after_christmas": ClockStatus.DUE_SOON,
    "on_track": ClockStatus.ON_TRACK,
    "no_date": ClockStatus.ON_TRACK,
    "paused": ClockStatus.PAUSED,
    "was_paused": ClockStatus.DUE_SOON,
    "closed": ClockStatus.FINISHED,
}


def test_the_open_pause_is_the_same_whoever_asks(cases_in_every_clock_state):
    by_queryset = set(ClockPause.objects.open().values_list("case_id", flat=True))
    by_case = {case.pk for case in Case.objects.all() if case.pauses.open().exists()}
    by_subquery = set(Case.objects.filter(has_open_pause()).values_list("pk", flat=True))

    assert by_queryset == by_case == by_subquery == {cases_in_every_clock_state["paused"].pk}


def test_due_soon_runs_two_working_days_past_christmas_and_the_closure_days():
    assert due_soon_limit(CHRISTMAS_EVE) == dt.date(2027, 1, 5)


def test_every_case_has_one_clock_status_and_each_place_agrees(cases_in_every_clock_state):
    today = CHRISTMAS_EVE
    annotated = dict(with_clock_status(Case.objects.all(), today).values_list("pk", "clock_status"))
    by_condition = {
        status: set(cases_with_clock_status(status, today).values_list("pk", flat=True))
        for status in ClockStatus.values
    }

    for name, case in cases_in_every_clock_state.items():
        assert annotated[case.pk] == EXPECTED_STATUS[name], name
        assert [s for s, pks in by_condition.items() if case.pk in pks] == [EXPECTED_STATUS[name]]
    counts = count_open_cases(Case.objects.all(), today=today)
    assert counts.overdue == len(by_condition[ClockStatus.OVERDUE])
    assert counts.due_soon == len(by_condition[ClockStatus.DUE_SOON])
    assert counts.open == len(annotated) - len(by_condition[ClockStatus.FINISHED])


def test_the_queue_filter_and_the_daily_reminders_mean_the_same_due_soon(
    cases_in_every_clock_state,
):
    today = CHRISTMAS_EVE
    filtered = queue_cases(
        Case.objects.all(), QueueFilters(clock=ClockStatus.DUE_SOON), today=today
    )
    reminded = reminders.cases_due_soon(today)

    assert set(filtered.values_list("pk", flat=True)) == set(reminded.values_list("pk", flat=True))
    assert set(reminded.values_list("pk", flat=True)) == {
        cases_in_every_clock_state[name].pk
        for name in ("due_today", "due_after_christmas", "was_paused")
    }


def test_the_queue_filter_the_overdue_job_and_the_overdue_report_mean_the_same_overdue(
    cases_in_every_clock_state,
):
    today = CHRISTMAS_EVE
    filtered = queue_cases(Case.objects.all(), QueueFilters(clock=ClockStatus.OVERDUE), today=today)

    assert set(filtered.values_list("pk", flat=True)) == set(
        reminders.cases_past_their_date(today).values_list("pk", flat=True)
    )
    assert overdue_now(today)[-1].cases == filtered.count()


def test_clock_conditions_do_not_overlap_and_cover_every_case(cases_in_every_clock_state):
    conditions = clock_conditions(CHRISTMAS_EVE)
    for case in Case.objects.all():
        matching = [s for s, q in conditions.items() if Case.objects.filter(q, pk=case.pk).exists()]
        assert len(matching) == 1, case


# --- Vulnerable ----------------------------------------------------------------------------------


def test_the_vulnerable_queue_the_filter_and_the_case_page_agree():
    team = TeamFactory(slug="waste")
    officer = UserFactory(role=Role.TEAM_MANAGER, teams=[team])
    flagged = ResidentFactory(is_priority=True)
    cases = {
        "flagged_resident": CaseFactory(team=team, resident=flagged),
        "raised_to_high": CaseFactory(team=team, priority=Priority.HIGH),
        "urgent": CaseFactory(team=team, priority=Priority.URGENT),
        "neither": CaseFactory(team=team, resident=ResidentFactory(is_priority=False)),
        "no_resident": CaseFactory(team=team),
    }
    in_queue = set(queue_scope(officer, Queue(VULNERABLE_RESIDENTS, "Vulnerable")))
    filtered = set(queue_cases(Case.objects.filter(team=team), QueueFilters(priority=VULNERABLE)))
    by_condition = set(Case.objects.filter(is_vulnerable()))
    by_case = {case for case in Case.objects.all() if case_is_vulnerable(case)}

    expected = {cases[name] for name in ("flagged_resident", "raised_to_high", "urgent")}
    assert in_queue == filtered == by_condition == by_case == expected


# --- The client's address ------------------------------------------------------------------------


def test_the_client_is_written_to_at_the_residents_own_address_and_proves_it_with_either():
    resident = ResidentFactory(email="ann@example.org", consents_to_email=True)
    case = CaseFactory(resident=resident, contact_email="ann.work@example.org")

    assert case.client_email == "ann@example.org"
    assert route_for_case(case).recipient == case.client_email
    for email in ("ANN@example.org ", "ann.work@example.org"):
        assert case.is_client_email(email)
        assert grant_holds(ReferenceGrant(case_id=case.pk, email=email), case)
        assert case_for_reference_and_email(case.reference, email) == case
        assert list(Case.objects.for_client_email(email)) == [case]
    assert not case.is_client_email("someone@example.org")
    assert case_for_reference_and_email(case.reference, "someone@example.org") is None


def test_with_no_resident_the_address_given_with_the_request_is_the_clients():
    case = CaseFactory(resident=None, contact_email="visitor@example.org")

    assert case.client_email == "visitor@example.org"
    assert route_for_case(case).recipient == "visitor@example.org"
    assert not case.is_client_email("")
    assert not Case.objects.for_client_email("  ").exists()


def test_an_emailed_reply_address_is_given_only_to_the_clients_own_address(settings):
    case = CaseFactory(resident=None, contact_email="visitor@example.org")
    to_client = Notification(case=case, recipient="Visitor@example.org")
    to_someone_else = Notification(case=case, recipient="officer@oxford.gov.uk")

    with time_machine.travel(at_ten("2026-03-02")):
        assert reply_address(to_client) == settings.COUNCIL_PROFILE.inbox.reply_address_for(
            case.kind
        )
        assert reply_address(to_someone_else) == ""
