"""Who sees which case: every role, one case and many, and both answers agree."""

import pytest

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.cases.policies import (
    can_handle_case,
    can_view_case,
    visible_assigned_cases,
    visible_cases,
    visible_team_cases,
)
from opencex.catalogue.models import Team
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    waste, housing, ig = (
        TeamFactory(slug="waste"),
        TeamFactory(slug="housing"),
        TeamFactory(slug="ig"),
    )
    owner = UserFactory(role=Role.RESIDENT)
    resident = ResidentFactory(user=owner)
    partner = UserFactory(role=Role.PARTNER)
    cases = {
        "waste_request": CaseFactory(team=waste, resident=resident),
        "housing_request": CaseFactory(team=housing),
        "foi": CaseFactory(team=ig, kind=CaseKind.FOI),
        "sar": CaseFactory(team=ig, kind=CaseKind.SAR, resident=resident),
        "partner_case": CaseFactory(team=housing, created_by=partner),
    }
    people = {
        "anonymous": None,
        "resident": owner,
        "other_resident": UserFactory(role=Role.RESIDENT),
        "partner": partner,
        "contact_centre": UserFactory(role=Role.CONTACT_CENTRE),
        "waste_caseworker": UserFactory(role=Role.CASEWORKER, teams=[waste]),
        "housing_manager": UserFactory(role=Role.TEAM_MANAGER, teams=[housing]),
        "ig_officer": UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[ig]),
        "administrator": UserFactory(role=Role.ADMINISTRATOR),
        "inactive_admin": UserFactory(role=Role.ADMINISTRATOR, is_active=False),
    }
    return people, cases


EXPECTED = {
    "anonymous": set(),
    "resident": {"waste_request", "sar"},
    "other_resident": set(),
    "partner": {"partner_case"},
    "contact_centre": {"waste_request", "housing_request", "foi", "partner_case"},
    "waste_caseworker": {"waste_request"},
    "housing_manager": {"housing_request", "partner_case"},
    "ig_officer": {"foi", "sar"},
    "administrator": {"waste_request", "housing_request", "foi", "sar", "partner_case"},
    "inactive_admin": set(),
}


@pytest.mark.parametrize("who", EXPECTED)
def test_each_role_sees_exactly_the_cases_it_should(world, who):
    people, cases = world
    actor = people[who]
    if actor is None:
        from django.contrib.auth.models import AnonymousUser

        actor = AnonymousUser()
    seen_one_by_one = {name for name, case in cases.items() if can_view_case(actor, case)}
    seen_as_a_list = {name for name, case in cases.items() if case in visible_cases(actor)}
    assert seen_one_by_one == EXPECTED[who]
    assert seen_as_a_list == EXPECTED[who]


@pytest.mark.parametrize("who", EXPECTED)
def test_a_teams_cases_and_an_officers_own_cases_are_visible_cases_narrowed(world, who):
    """The queue shortcuts (a plain team or officer test for an officer's own teams and work)
    answer exactly what visible_cases narrowed to the team or officer answers."""
    people, cases = world
    actor = people[who]
    if actor is None:
        from django.contrib.auth.models import AnonymousUser

        actor = AnonymousUser()
    if people[who] is not None:  # two cases, of teams not theirs, assigned to them
        for name in ("housing_request", "sar"):
            cases[name].assigned_to = people[who]
            cases[name].save(update_fields=["assigned_to"])
    for team in Team.objects.all():
        assert set(visible_team_cases(actor, team)) == set(visible_cases(actor).filter(team=team))
    if actor.is_authenticated:
        mine = set(visible_cases(actor).filter(assigned_to=actor))
        assert set(visible_assigned_cases(actor)) == mine


def test_a_contact_centre_officer_can_see_but_not_handle_a_service_request(world):
    people, cases = world
    officer = people["contact_centre"]
    assert can_view_case(officer, cases["housing_request"])
    assert not can_handle_case(officer, cases["housing_request"])


def test_only_information_governance_handles_an_foi_outside_its_team(world):
    people, cases = world
    assert can_handle_case(people["ig_officer"], cases["foi"])
    assert not can_handle_case(people["contact_centre"], cases["foi"])
