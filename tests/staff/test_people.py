"""The staff directory: who may see it, and that a search finds the right person."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from opencex.accounts.models import STAFF_ROLES, Role, User
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_STAFF = [Role.RESIDENT, Role.PARTNER]


def _staff(**fields):
    """A member of staff; no password, which is slow to hash and not needed with force_login."""
    return UserFactory(role=fields.pop("role", Role.CASEWORKER), password=None, **fields)


@pytest.fixture
def council():
    """A small council: council tax, pest control (within environmental health) and waste."""
    tax = TeamFactory(slug="council-tax", name="Council Tax")
    health = TeamFactory(slug="environmental-health", name="Environmental Health")
    waste = TeamFactory(slug="waste-services", name="Waste Services")
    ServiceFactory(team=tax, title="Ask a question about your council tax bill")
    ServiceFactory(team=tax, title="Apply for a single person discount")
    ServiceFactory(team=health, title="Report rats or mice", keywords=["pest control"])
    ServiceFactory(team=waste, title="Report a missed bin", keywords=["bin not emptied"])
    ServiceFactory(team=waste, title="Retired service", is_live=False)
    people = {
        "revenues": _staff(
            full_name="Aisha Khan", job_title="Revenues Officer", teams=[tax],
            work_phone="01632 960101",
        ),
        "tax_manager": _staff(
            full_name="Helen Price", role=Role.TEAM_MANAGER, job_title="Revenues Manager",
            teams=[tax], office="Town Hall, St Aldate's",
        ),
        "pests": _staff(
            full_name="Gareth Jones", job_title="Environmental Health Officer", teams=[health],
            responsibilities="Rats, mice and wasps in council homes; advice to landlords.",
        ),
        "bins": _staff(
            full_name="Tom Okafor", job_title="Waste Officer", teams=[waste],
            responsibilities="Missed bins for the east of the city.",
        ),
        "adviser": _staff(
            full_name="Priya Shah", role=Role.CONTACT_CENTRE, job_title="Customer Services Adviser"
        ),
    }  # fmt: skip
    return {"tax": tax, "health": health, "waste": waste, **people}


@pytest.fixture
def colleague(client):
    client.force_login(_staff(role=Role.CONTACT_CENTRE, full_name="Zoe Zimmer"))
    return client


def _names(client, **query) -> list[str]:
    response = client.get(reverse("staff:people"), query)
    assert response.status_code == 200
    return [person.full_name for person in response.context["page"].object_list]


# Who may see the directory


def _pages(council) -> list[str]:
    return [
        reverse("staff:people"),
        reverse("staff:people") + "?q=council+tax",
        reverse("staff:teams"),
        reverse("staff:team", args=[council["tax"].slug]),
        reverse("staff:person", args=[council["revenues"].pk]),
    ]


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_every_staff_role_can_use_the_directory(client, council, role):
    client.force_login(_staff(role=role))
    assert [client.get(page).status_code for page in _pages(council)] == [200] * 5


@pytest.mark.parametrize("role", NOT_STAFF)
def test_residents_and_partner_systems_are_refused_the_directory(client, council, role):
    client.force_login(UserFactory(role=role, password=None))
    assert [client.get(page).status_code for page in _pages(council)] == [403] * 5


def test_anonymous_visitors_are_sent_to_sign_in_from_the_directory(client, council):
    for page in _pages(council):
        response = client.get(page)
        assert response.status_code == 302
        assert response.url.startswith(reverse("staff:sign-in"))


# Searching


def test_searching_council_tax_finds_the_council_tax_team(colleague, council):
    assert set(_names(colleague, q="council tax")) == {"Aisha Khan", "Helen Price"}


def test_asking_who_handles_council_tax_finds_the_same_people(colleague, council):
    assert set(_names(colleague, q="who handles council tax")) == {"Aisha Khan", "Helen Price"}


def test_pest_control_finds_the_team_that_handles_rats_by_the_services_words(colleague, council):
    assert _names(colleague, q="pest control") == ["Gareth Jones"]


def test_a_residents_word_for_a_service_finds_who_handles_it(colleague, council):
    assert _names(colleague, q="bin not emptied") == ["Tom Okafor"]


def test_a_name_finds_the_person(colleague, council):
    assert _names(colleague, q="Helen Price") == ["Helen Price"]


def test_a_misspelt_name_still_finds_the_person(colleague, council):
    assert _names(colleague, q="Helen Prise")[0] == "Helen Price"


def test_a_job_title_finds_the_people_with_it(colleague, council):
    assert _names(colleague, q="customer services adviser") == ["Priya Shah"]


def test_words_from_someones_responsibilities_find_them(colleague, council):
    assert _names(colleague, q="wasps") == ["Gareth Jones"]


def test_a_search_that_matches_no_one_says_so(colleague, council):
    response = colleague.get(reverse("staff:people"), {"q": "astronomy"})
    assert response.context["page"].object_list == []
    assert "No one matches your search" in response.content.decode()


def test_an_edited_job_title_is_found_at_once(colleague, council):
    assert _names(colleague, q="Climate Officer") == []
    council["bins"].job_title = "Climate Officer"
    council["bins"].save()

    assert _names(colleague, q="Climate Officer") == ["Tom Okafor"]


def test_a_word_everyone_shares_still_finds_them_all(colleague):
    for name in ("Ann Lee", "Bob Ray"):
        _staff(full_name=name, job_title="Council Officer")
    assert set(_names(colleague, q="council")) == {"Ann Lee", "Bob Ray"}


def test_the_directory_can_be_filtered_by_team(colleague, council):
    assert _names(colleague, team="council-tax") == ["Aisha Khan", "Helen Price"]


def test_the_directory_can_be_filtered_by_role(colleague, council):
    assert _names(colleague, role=Role.TEAM_MANAGER) == ["Helen Price"]


def test_a_search_within_a_team_leaves_out_other_teams(colleague, council):
    assert _names(colleague, q="officer", team="waste-services") == ["Tom Okafor"]


def test_an_unknown_team_in_the_address_is_shown_as_an_error(colleague, council):
    response = colleague.get(reverse("staff:people"), {"team": "no-such-team"})
    assert "There is a problem" in response.content.decode()


def test_without_a_search_everyone_is_listed_by_name(colleague, council):
    assert _names(colleague) == [
        "Aisha Khan", "Gareth Jones", "Helen Price", "Priya Shah", "Tom Okafor", "Zoe Zimmer"
    ]  # fmt: skip


def test_people_who_have_left_and_residents_are_not_in_the_directory(colleague, council):
    _staff(full_name="Former Officer", is_active=False, teams=[council["tax"]])
    UserFactory(full_name="Resident Person", role=Role.RESIDENT, password=None)

    names = _names(colleague)

    assert "Former Officer" not in names
    assert "Resident Person" not in names
    assert "Former Officer" not in _names(colleague, q="council tax")


# A person's page and a team's page


def test_a_persons_page_says_what_they_do_and_how_to_reach_them(colleague, council):
    page = colleague.get(reverse("staff:person", args=[council["tax_manager"].pk])).content.decode()

    for text in [
        "Helen Price",
        "Revenues Manager",
        "Team manager",  # the role in words
        council["tax_manager"].email,
        "Town Hall, St Aldate&#x27;s",
        "Council Tax",
        "Apply for a single person discount",
    ]:
        assert text in page, text


def test_a_persons_page_gives_their_phone_as_a_link(colleague, council):
    page = colleague.get(reverse("staff:person", args=[council["revenues"].pk])).content.decode()
    assert 'href="tel:01632960101"' in page


def test_a_retired_service_is_not_listed_as_handled(colleague, council):
    page = colleague.get(reverse("staff:person", args=[council["bins"].pk])).content.decode()
    assert "Report a missed bin" in page
    assert "Retired service" not in page


def test_someone_who_has_left_has_no_page(colleague):
    former = _staff(is_active=False)
    assert colleague.get(reverse("staff:person", args=[former.pk])).status_code == 404


def test_a_resident_has_no_page_in_the_directory(colleague):
    resident = UserFactory(role=Role.RESIDENT, password=None)
    assert colleague.get(reverse("staff:person", args=[resident.pk])).status_code == 404


def test_a_team_page_lists_its_manager_members_and_services(colleague, council):
    response = colleague.get(reverse("staff:team", args=["council-tax"]))
    details = response.context["details"]

    assert [m.full_name for m in details.managers] == ["Helen Price"]
    assert [m.full_name for m in details.members] == ["Aisha Khan", "Helen Price"]
    assert [s.title for s in details.services] == [
        "Apply for a single person discount",
        "Ask a question about your council tax bill",
    ]


def test_an_unknown_team_has_no_page(colleague):
    assert colleague.get(reverse("staff:team", args=["no-such-team"])).status_code == 404


def test_the_teams_page_counts_only_active_staff(colleague, council):
    _staff(is_active=False, teams=[council["tax"]])
    teams = {t.slug: t.staff_count for t in colleague.get(reverse("staff:teams")).context["teams"]}
    assert teams == {"council-tax": 2, "environmental-health": 1, "waste-services": 1}


# Keeping it up to date


def test_an_administrator_updates_a_colleagues_entry_and_teams_in_the_admin(client, council):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True, password=None))
    person = council["bins"]
    url = reverse("admin:accounts_user_change", args=[person.pk])
    page = client.get(url).content.decode()
    prefix = re.search(r'name="([^"]+)-TOTAL_FORMS"', page).group(1)
    membership = person.teams.through.objects.get(user=person)

    response = client.post(
        url,
        {
            "full_name": "Tom Okafor",
            "email": person.email,
            "role": Role.TEAM_MANAGER,
            "is_active": "on",
            "job_title": "Waste Services Manager",
            "responsibilities": "Runs the waste crews.",
            "work_phone": "01632 960222",
            "office": "Cowley Marsh Depot",
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-0-id": membership.pk,
            f"{prefix}-0-user": person.pk,
            f"{prefix}-0-team": council["waste"].pk,
            f"{prefix}-1-user": person.pk,
            f"{prefix}-1-team": council["health"].pk,
        },
    )

    assert response.status_code == 302, response.context["errors"]
    person.refresh_from_db()
    assert (person.job_title, person.office, person.role) == (
        "Waste Services Manager",
        "Cowley Marsh Depot",
        Role.TEAM_MANAGER,
    )
    assert {team.slug for team in person.teams.all()} == {"waste-services", "environmental-health"}


def test_an_account_added_in_the_admin_cannot_sign_in_until_it_has_a_password(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True, password=None))
    prefix_page = client.get(reverse("admin:accounts_user_add")).content.decode()
    prefix = re.search(r'name="([^"]+)-TOTAL_FORMS"', prefix_page).group(1)

    client.post(
        reverse("admin:accounts_user_add"),
        {
            "full_name": "New Starter",
            "email": "new.starter@example.org",
            "role": Role.ADMINISTRATOR,
            "is_active": "on",
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
        },
    )

    starter = User.objects.get(email="new.starter@example.org")
    assert not starter.has_usable_password()
    assert starter.is_superuser  # an administrator's admin permissions follow the role
