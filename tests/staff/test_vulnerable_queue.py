"""Vulnerable residents are triaged first: their own queue, a tag in every queue, and the counts on
the staff home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseKind, ClockPause, Priority, Status
from opencex.cases.selectors import count_open_cases, due_soon_limit
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUES = reverse("staff:queues")
HOME = reverse("staff:home")


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def other_team():
    return TeamFactory(slug="parking", name="Parking")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team])


def _flagged():
    return ResidentFactory(is_priority=True)


def _vulnerable_queue(client, **filters) -> list[str]:
    response = client.get(QUEUES, {"queue": "vulnerable", **filters})
    assert response.status_code == 200
    return [case.reference for case in response.context["page"].object_list]


def test_the_queue_holds_flagged_residents_and_high_or_urgent_cases(client, caseworker, team):
    flagged = CaseFactory(team=team, resident=_flagged())
    high = CaseFactory(team=team, priority=Priority.HIGH)
    urgent = CaseFactory(team=team, priority=Priority.URGENT)
    CaseFactory(team=team, resident=ResidentFactory())  # normal priority, no flag
    client.force_login(caseworker)
    assert set(_vulnerable_queue(client)) == {flagged.reference, high.reference, urgent.reference}


def test_the_queue_lists_by_priority_then_due_date(client, caseworker, team):
    today = timezone.localdate()
    later_urgent = CaseFactory(team=team, priority=Priority.URGENT, due_on=today + dt.timedelta(9))
    flagged_soon = CaseFactory(team=team, resident=_flagged(), due_on=today + dt.timedelta(1))
    high_soon = CaseFactory(team=team, priority=Priority.HIGH, due_on=today + dt.timedelta(2))
    high_later = CaseFactory(team=team, priority=Priority.HIGH, due_on=today + dt.timedelta(5))
    client.force_login(caseworker)
    assert _vulnerable_queue(client) == [
        later_urgent.reference,
        high_soon.reference,
        high_later.reference,
        flagged_soon.reference,  # flagged after the case was opened: still normal priority
    ]


def test_closed_cases_leave_the_queue_unless_asked_for(client, caseworker, team):
    closed = CaseFactory(team=team, resident=_flagged(), status=Status.CLOSED)
    client.force_login(caseworker)
    assert _vulnerable_queue(client) == []
    assert _vulnerable_queue(client, status="closed") == [closed.reference]


def test_a_caseworker_sees_only_their_teams_vulnerable_cases(client, caseworker, team, other_team):
    ours = CaseFactory(team=team, resident=_flagged())
    CaseFactory(team=other_team, resident=_flagged())
    client.force_login(caseworker)
    assert _vulnerable_queue(client) == [ours.reference]


def test_a_contact_centre_officer_sees_every_team_but_not_subject_access_requests(
    client, team, other_team
):
    ours = CaseFactory(team=team, priority=Priority.URGENT)
    theirs = CaseFactory(team=other_team, resident=_flagged())
    CaseFactory(team=other_team, kind=CaseKind.SAR, resident=_flagged())
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    assert set(_vulnerable_queue(client)) == {ours.reference, theirs.reference}


def test_every_officer_has_the_queue_in_the_queue_navigation(client, caseworker):
    client.force_login(caseworker)
    page = client.get(QUEUES).content.decode()
    assert f'href="{QUEUES}?queue=vulnerable">Vulnerable residents</a>' in page


def test_the_queue_says_what_it_holds(client, caseworker):
    client.force_login(caseworker)
    page = client.get(QUEUES, {"queue": "vulnerable"}).content.decode()
    assert '<h1 class="govuk-heading-l">Vulnerable residents</h1>' in page
    assert "Open cases for residents with a vulnerability flag" in page


@pytest.mark.parametrize("filters", [{"queue": "waste"}, {}, {"search": "okonkwo"}])
def test_a_vulnerable_resident_is_tagged_in_every_queue(client, caseworker, team, filters):
    resident = ResidentFactory(is_priority=True, full_name="Ada Okonkwo")
    CaseFactory(team=team, resident=resident, assigned_to=caseworker, contact_name="Ada Okonkwo")
    CaseFactory(team=team, assigned_to=caseworker, contact_name="Ben Okonkwo")
    client.force_login(caseworker)
    page = client.get(QUEUES, filters).content.decode()
    assert page.count('govuk-tag--purple">Vulnerable resident</strong>') == 1


# --- The staff home page ------------------------------------------------------------------------


def _home_counts(client) -> dict[str, tuple[int, int, int]]:
    response = client.get(HOME)
    assert response.status_code == 200
    return {
        queue.name: (counts.open, counts.overdue, counts.due_soon)
        for queue, counts in response.context["queues"]
    }


def test_home_counts_open_overdue_and_due_soon_cases_in_each_queue(client, caseworker, team):
    today = timezone.localdate()
    CaseFactory(team=team, assigned_to=caseworker, due_on=today - dt.timedelta(days=1))
    CaseFactory(team=team, due_on=due_soon_limit(today))
    CaseFactory(team=team, priority=Priority.URGENT, due_on=today + dt.timedelta(days=30))
    CaseFactory(team=team, status=Status.CLOSED, due_on=today - dt.timedelta(days=1))
    client.force_login(caseworker)
    assert _home_counts(client) == {
        "My work": (1, 1, 0),
        "Vulnerable residents": (1, 0, 0),
        "Waste and recycling": (3, 1, 1),
    }


def test_home_counts_only_cases_the_officer_may_see(client, caseworker, team, other_team):
    CaseFactory(team=other_team, resident=_flagged())
    client.force_login(caseworker)
    assert _home_counts(client)["Vulnerable residents"] == (0, 0, 0)


def test_home_links_each_queue_and_its_overdue_cases(client, caseworker, team):
    CaseFactory(team=team, due_on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(caseworker)
    page = client.get(HOME).content.decode()
    assert f'href="{QUEUES}?queue=waste">Waste and recycling</a>' in page
    assert f'href="{QUEUES}?queue=waste&amp;clock=overdue">1<span' in page


def test_a_paused_case_is_neither_overdue_nor_due_soon(team):
    today = timezone.localdate()
    paused = CaseFactory(team=team, status=Status.AWAITING_RESIDENT, due_on=today)
    ClockPause.objects.create(case=paused, reason="clarification", started_on=today)
    counts = count_open_cases(Case.objects.all(), today=today)
    assert (counts.open, counts.overdue, counts.due_soon) == (1, 0, 0)
