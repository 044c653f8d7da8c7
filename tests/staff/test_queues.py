"""The staff queues: who sees which queue, filters, clock status, search and bulk reassignment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseEvent, CaseKind, Channel, ClockPause, EventKind, Status
from opencex.cases.selectors import ClockStatus, QueueFilters, due_soon_limit, queue_cases
from tests.factories import (
    CaseFactory,
    PropertyFactory,
    ResidentFactory,
    ServiceAreaFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

QUEUES = reverse("staff:queues")


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def other_team():
    return TeamFactory(slug="parking", name="Parking")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")


@pytest.fixture
def manager(team):
    return UserFactory(role=Role.TEAM_MANAGER, teams=[team], full_name="Alex Jones")


def _references(response) -> list[str]:
    return [case.reference for case in response.context["page"].object_list]


def test_my_work_lists_the_cases_assigned_to_me(client, caseworker, team):
    mine = CaseFactory(team=team, assigned_to=caseworker)
    CaseFactory(team=team)  # the team's, not mine
    client.force_login(caseworker)
    response = client.get(QUEUES)
    assert response.status_code == 200
    assert _references(response) == [mine.reference]


def test_a_case_with_a_reply_waiting_is_marked_in_the_queue(client, caseworker, team):
    CaseFactory(team=team, assigned_to=caseworker, new_reply_at=timezone.now())
    client.force_login(caseworker)

    page = client.get(QUEUES).content.decode()

    assert "New reply" in page


def test_a_case_without_a_reply_waiting_is_not_marked(client, caseworker, team):
    CaseFactory(team=team, assigned_to=caseworker)
    client.force_login(caseworker)

    assert "New reply" not in client.get(QUEUES).content.decode()


def test_team_queue_lists_my_teams_cases_but_not_another_teams(
    client, caseworker, team, other_team
):
    ours = CaseFactory(team=team)
    CaseFactory(team=other_team)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste"})
    assert _references(response) == [ours.reference]
    assert f'href="/staff/cases/{ours.reference}/"' in response.content.decode()


def test_another_teams_queue_is_not_found(client, caseworker, other_team):
    client.force_login(caseworker)
    assert client.get(QUEUES, {"queue": "parking"}).status_code == 404


def test_a_resident_is_refused_the_queues(client):
    client.force_login(UserFactory(role=Role.RESIDENT))
    assert client.get(QUEUES).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(QUEUES).url.startswith(reverse("staff:sign-in"))


def test_queues_are_in_the_primary_navigation_and_on_the_home_page(client, caseworker):
    client.force_login(caseworker)
    page = client.get(QUEUES).content.decode()
    assert f'href="{QUEUES}" aria-current="page">Queues</a>' in page
    assert f'href="{QUEUES}"' in client.get(reverse("staff:home")).content.decode()


def test_closed_cases_leave_the_queue_unless_asked_for(client, caseworker, team):
    open_case = CaseFactory(team=team)
    closed = CaseFactory(team=team, status=Status.CLOSED)
    client.force_login(caseworker)
    assert _references(client.get(QUEUES, {"queue": "waste"})) == [open_case.reference]
    assert _references(client.get(QUEUES, {"queue": "waste", "status": "closed"})) == [
        closed.reference
    ]


def test_filters_narrow_the_queue(client, caseworker, team):
    complaint = CaseFactory(team=team, kind=CaseKind.COMPLAINT, channel=Channel.PHONE)
    CaseFactory(team=team, kind=CaseKind.SERVICE_REQUEST, channel=Channel.PHONE)
    CaseFactory(team=team, kind=CaseKind.COMPLAINT, channel=Channel.WEB)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste", "kind": "complaint", "channel": "phone"})
    assert _references(response) == [complaint.reference]


def test_vulnerable_and_high_priority_cases_come_first_with_a_tag(client, caseworker, team):
    today = timezone.localdate()
    early = CaseFactory(team=team, due_on=today + dt.timedelta(days=3))
    high = CaseFactory(team=team, priority=1, due_on=today + dt.timedelta(days=9))
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste"})
    assert _references(response) == [high.reference, early.reference]
    assert 'govuk-tag--orange">High</strong>' in response.content.decode()
    vulnerable = CaseFactory(team=team, resident=ResidentFactory(is_priority=True))
    response = client.get(QUEUES, {"queue": "waste", "priority": "vulnerable"})
    assert _references(response) == [high.reference, vulnerable.reference]
    assert ">Vulnerable resident</strong>" in response.content.decode()


# --- Service filter -----------------------------------------------------------------------------


def _service_options(response) -> dict[str, list[str]]:
    """The service filter's options, by service area."""
    return {
        str(group): [label for _, label in options]
        for group, options in response.context["filter_form"].fields["service"].choices
        if group
    }


def test_filtering_by_service_narrows_the_queue(client, caseworker, team):
    missed_bin = ServiceFactory(team=team, title="Report a missed bin")
    fly_tipping = ServiceFactory(team=team, title="Report fly-tipping")
    wanted = CaseFactory(team=team, service=missed_bin)
    CaseFactory(team=team, service=fly_tipping)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste", "service": missed_bin.pk})
    assert _references(response) == [wanted.reference]


def test_the_service_filter_offers_the_queues_services_grouped_by_service_area(
    client, caseworker, team, other_team
):
    streets = ServiceAreaFactory(name="Streets")
    ServiceFactory(team=team, title="Report a missed bin", service_area=team.service_area)
    elsewhere = ServiceFactory(team=other_team, title="Report graffiti", service_area=streets)
    CaseFactory(team=team, service=elsewhere)  # routed to us although another team owns it
    ServiceFactory(team=other_team, title="Pay a parking fine")  # nothing to do with this queue
    client.force_login(caseworker)
    options = _service_options(client.get(QUEUES, {"queue": "waste"}))
    assert options == {
        team.service_area.name: ["Report a missed bin"],
        "Streets": ["Report graffiti"],
    }


def test_a_chosen_service_stays_offered_when_its_cases_are_closed(client, caseworker, team):
    closed_only = ServiceFactory(team=TeamFactory(), title="Book a bulky waste collection")
    case = CaseFactory(team=team, service=closed_only, status=Status.CLOSED)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste", "status": "closed", "service": closed_only.pk})
    assert _references(response) == [case.reference]
    assert "selected>Book a bulky waste collection</option>" in response.content.decode()


def test_a_service_that_is_not_on_offer_is_ignored(client, caseworker, team):
    case = CaseFactory(team=team)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste", "service": "999999"})
    assert _references(response) == [case.reference]


def test_sorting_by_date_received_puts_the_newest_first(client, caseworker, team):
    now = timezone.now()
    older = CaseFactory(team=team, received_at=now - dt.timedelta(days=5))
    newer = CaseFactory(team=team, received_at=now - dt.timedelta(days=1))
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste", "sort": "received"})
    assert _references(response) == [newer.reference, older.reference]


def test_the_queue_pages_fifty_cases_at_a_time(client, caseworker, team):
    CaseFactory.create_batch(51, team=team)
    client.force_login(caseworker)
    first = client.get(QUEUES, {"queue": "waste"})
    assert len(_references(first)) == 50
    assert "page=2" in first.content.decode()
    assert len(_references(client.get(QUEUES, {"queue": "waste", "page": 2}))) == 1


def test_an_unknown_filter_value_is_ignored_not_an_error(client, caseworker, team):
    case = CaseFactory(team=team)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste", "kind": "nonsense", "sort": "x"})
    assert _references(response) == [case.reference]


# --- Clock status, worked out by the database ---------------------------------------------------


@pytest.fixture
def clocks(team):
    today = timezone.localdate()
    soon = due_soon_limit(today)
    paused = CaseFactory(team=team, status=Status.AWAITING_RESIDENT, due_on=today - dt.timedelta(1))
    ClockPause.objects.create(case=paused, reason="clarification", started_on=today)
    return {
        ClockStatus.OVERDUE: CaseFactory(team=team, due_on=today - dt.timedelta(days=1)),
        ClockStatus.DUE_SOON: CaseFactory(team=team, due_on=soon),
        ClockStatus.ON_TRACK: CaseFactory(team=team, due_on=soon + dt.timedelta(days=1)),
        ClockStatus.PAUSED: paused,
        "due_today": CaseFactory(team=team, due_on=today),
    }


def test_each_case_gets_its_clock_status(clocks):
    annotated = {
        case.reference: case.clock_status
        for case in queue_cases(Case.objects.all(), QueueFilters())
    }
    assert annotated == {
        clocks[ClockStatus.OVERDUE].reference: ClockStatus.OVERDUE,
        clocks[ClockStatus.DUE_SOON].reference: ClockStatus.DUE_SOON,
        clocks[ClockStatus.ON_TRACK].reference: ClockStatus.ON_TRACK,
        clocks[ClockStatus.PAUSED].reference: ClockStatus.PAUSED,
        clocks["due_today"].reference: ClockStatus.DUE_SOON,
    }


def test_due_soon_means_within_two_working_days():
    monday = dt.date(2026, 11, 23)
    assert due_soon_limit(monday) == dt.date(2026, 11, 25)
    friday = dt.date(2026, 11, 27)
    assert due_soon_limit(friday) == dt.date(2026, 12, 1)  # the weekend does not count


@pytest.mark.parametrize(
    "status", [ClockStatus.OVERDUE, ClockStatus.DUE_SOON, ClockStatus.ON_TRACK, ClockStatus.PAUSED]
)
def test_filtering_by_clock_status(client, caseworker, clocks, status):
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste", "clock": status})
    expected = {clocks[status].reference}
    if status == ClockStatus.DUE_SOON:
        expected.add(clocks["due_today"].reference)
    assert set(_references(response)) == expected


def test_clock_tags_are_shown_in_the_queue(client, caseworker, clocks):
    client.force_login(caseworker)
    page = client.get(QUEUES, {"queue": "waste"}).content.decode()
    assert 'govuk-tag--red">Overdue' in page
    assert 'govuk-tag--yellow">Due soon' in page
    assert 'govuk-tag--grey">Paused' in page
    assert 'govuk-tag--green">On track' in page


# --- Search -------------------------------------------------------------------------------------


def test_search_by_reference_finds_a_case_in_any_queue_i_can_see(client, caseworker, team):
    case = CaseFactory(team=team, reference="SR-2026-ABCD", status=Status.CLOSED)
    CaseFactory(team=team)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"search": " sr-2026-abcd "})
    assert _references(response) == [case.reference]


def test_search_by_postcode_ignores_spacing_and_case(client, caseworker, team):
    home = PropertyFactory(postcode="OX4 1HR")
    case = CaseFactory(team=team, property=home)
    CaseFactory(team=team, property=PropertyFactory(postcode="OX1 1AA"))
    client.force_login(caseworker)
    assert _references(client.get(QUEUES, {"search": "ox41hr"})) == [case.reference]


@pytest.mark.parametrize(
    ("search", "field"),
    [
        ("RESIDENT@Example.org", "email"),
        ("07700 900123", "phone"),
        ("100120009999", "uprn"),
        ("okonkwo", "name"),
    ],
)
def test_search_by_email_phone_uprn_or_name(client, caseworker, team, search, field):
    resident = ResidentFactory(
        full_name="Ada Okonkwo", email="resident@example.org", phone="07700900123"
    )
    case = CaseFactory(
        team=team,
        resident=resident,
        contact_name="Ada Okonkwo",
        property=PropertyFactory(uprn="100120009999"),
    )
    CaseFactory(team=team, contact_name="Someone Else")
    client.force_login(caseworker)
    assert _references(client.get(QUEUES, {"search": search})) == [case.reference]


def test_search_by_name_finds_the_residents_case_when_someone_else_made_contact(
    client, caseworker, team
):
    case = CaseFactory(
        team=team, resident=ResidentFactory(full_name="Ada Okonkwo"), contact_name="Sam Okonkwo"
    )
    CaseFactory(team=team, contact_name="Someone Else")
    client.force_login(caseworker)
    assert _references(client.get(QUEUES, {"search": "ada okon"})) == [case.reference]


def test_search_by_the_email_given_with_the_request_ignores_case(client, caseworker, team):
    case = CaseFactory(team=team, contact_email="Ada@Example.org")
    CaseFactory(team=team, contact_email="someone@example.org")
    client.force_login(caseworker)
    assert _references(client.get(QUEUES, {"search": "ada@example.ORG"})) == [case.reference]


def test_search_by_an_international_phone_number_finds_the_uk_number(client, caseworker, team):
    case = CaseFactory(team=team, contact_phone="07700900123")
    CaseFactory(team=team, contact_phone="07700900999")
    client.force_login(caseworker)
    assert _references(client.get(QUEUES, {"search": "+44 7700 900123"})) == [case.reference]


def test_search_matches_a_resident_and_the_contact_details_without_repeating_a_case(
    client, caseworker, team
):
    resident = ResidentFactory(email="ada@example.org")
    case = CaseFactory(team=team, resident=resident, contact_email="ada@example.org")
    client.force_login(caseworker)
    response = client.get(QUEUES, {"search": "ada@example.org"})
    assert _references(response) == [case.reference]
    assert "1 case</caption>" in response.content.decode()


def test_search_never_shows_another_teams_case(client, caseworker, other_team):
    CaseFactory(team=other_team, reference="SR-2026-HIDE")
    client.force_login(caseworker)
    assert _references(client.get(QUEUES, {"search": "SR-2026-HIDE"})) == []


# --- Bulk reassignment --------------------------------------------------------------------------


def test_manager_bulk_reassigns_selected_cases(client, manager, team, caseworker):
    first, second, untouched = CaseFactory.create_batch(3, team=team)
    client.force_login(manager)
    response = client.post(
        f"{reverse('staff:queues-reassign')}?queue=waste",
        {"bulk-cases": [first.reference, second.reference], "bulk-officer": caseworker.pk},
    )
    assert response.status_code == 302
    assert response.url == f"{QUEUES}?queue=waste"
    for case in (first, second):
        case.refresh_from_db()
        assert case.assigned_to == caseworker
        assert CaseEvent.objects.filter(case=case, kind=EventKind.REASSIGNED).exists()
    untouched.refresh_from_db()
    assert untouched.assigned_to is None


def test_bulk_reassign_without_a_choice_shows_the_error_summary(client, manager, team):
    case = CaseFactory(team=team)
    client.force_login(manager)
    response = client.post(
        f"{reverse('staff:queues-reassign')}?queue=waste", {"bulk-cases": [case.reference]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Choose a team or an officer" in page
    assert f'value="{case.reference}" checked' in page


def test_bulk_reassign_cannot_reach_cases_outside_my_view(client, manager, other_team):
    hidden = CaseFactory(team=other_team)
    client.force_login(manager)
    response = client.post(
        reverse("staff:queues-reassign"),
        {"bulk-cases": [hidden.reference], "bulk-team": other_team.pk},
    )
    assert "Select a valid choice" in response.content.decode()
    hidden.refresh_from_db()
    assert hidden.assigned_to is None


def test_only_managers_see_and_use_bulk_reassignment(client, caseworker, team):
    case = CaseFactory(team=team)
    client.force_login(caseworker)
    response = client.get(QUEUES, {"queue": "waste"})
    assert "Reassign the selected cases" not in response.content.decode()
    response = client.post(
        reverse("staff:queues-reassign"), {"bulk-cases": [case.reference], "bulk-team": team.pk}
    )
    assert response.status_code == 403
