"""The staff page for logging a contact: the phone line a call came in on, the priority banner,
and signposting to an entry of the partner directory found by need, without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.contacts.models import Contact
from opencex.people.models import AccessKind, SensitiveAccess
from opencex.people.services import record_sensitive_information
from tests.factories import DirectoryServiceFactory, NeedFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(user)
    return user


@pytest.fixture
def resident():
    return ResidentFactory(full_name="Maria Kowalska")


@pytest.fixture
def food_bank():
    food = NeedFactory(slug="food", name="Food")
    return DirectoryServiceFactory(
        slug="oxford-food-bank-parcels",
        name="Emergency food parcels",
        organization__name="Oxford Food Bank",
        needs=[food],
    )


def _url(resident) -> str:
    return reverse("staff:log-contact", args=[resident.pk])


def test_a_call_is_on_the_general_line_unless_the_officer_says_otherwise(client, officer, resident):
    page = client.get(_url(resident)).text
    assert 'value="customer-services" checked' in page
    assert "Vulnerable residents line (01865 252200)" in page


def test_a_call_on_the_vulnerable_line_is_logged_and_shown_with_the_contact(
    client, officer, resident
):
    client.post(
        _url(resident),
        {
            "channel": "phone",
            "phone_line": "vulnerable-residents-line",
            "outcome": "resolved_at_first_contact",
        },
    )
    contact = Contact.objects.get()
    assert (contact.phone_line, contact.is_vulnerable_line) == ("vulnerable-residents-line", True)
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert '<strong class="govuk-tag govuk-tag--red">Vulnerable residents line</strong>' in page
    assert "Vulnerable line" not in page  # named once, not named and tagged again


def test_the_officer_stays_on_the_line_they_last_logged_a_call_from(client, officer, resident):
    client.post(
        _url(resident),
        {
            "channel": "phone",
            "phone_line": "vulnerable-residents-line",
            "outcome": "resolved_at_first_contact",
        },
    )
    assert 'value="vulnerable-residents-line" checked' in client.get(_url(resident)).text


def test_the_contact_page_shows_the_priority_banner_but_reads_no_details(client, officer, resident):
    record_sensitive_information(
        actor=UserFactory(role=Role.CASEWORKER),
        resident=resident,
        category="mental_health",
        details="Severe anxiety.",
        purpose="Safe contact",
        lawful_basis="Article 9(2)(g)",
        review_on=dt.date(2030, 1, 1),
    )
    page = client.get(_url(resident)).text
    assert "Priority resident" in page
    assert "Severe anxiety" not in page
    # Only the import that put the data in: nothing read it.
    assert set(SensitiveAccess.objects.values_list("kind", flat=True)) == {AccessKind.IMPORTED}


def test_the_directory_is_offered_grouped_by_need(client, officer, resident, food_bank):
    page = client.get(_url(resident)).text
    assert '<optgroup label="Food">' in page
    assert (
        f'<option value="{food_bank.pk}">Oxford Food Bank: Emergency food parcels</option>' in page
    )


def test_finding_partners_by_need_lists_the_matches_first_and_logs_nothing(
    client, officer, resident, food_bank
):
    DirectoryServiceFactory(name="Debt advice", needs=[NeedFactory(slug="debt", name="Debt")])
    page = client.post(
        _url(resident),
        {
            "action": "find-partners",
            "need": "food",
            "channel": "face_to_face",
            "place": "westgate-library",
            "outcome": "signposted",
            "note": "Asked about food",
        },
    ).text
    matches = page.index('<optgroup label="Matches for “food”">')
    assert page.index("Emergency food parcels", matches) < page.index("<optgroup", matches + 1)
    assert "Directory entries for “food” are listed first." in page
    assert "There is a problem" not in page
    assert 'value="face_to_face" checked' in page  # what the officer chose is kept
    assert 'value="westgate-library" selected' in page
    assert "Asked about food" in page
    assert not Contact.objects.exists()


def test_a_need_nothing_meets_says_so_and_keeps_the_whole_list(
    client, officer, resident, food_bank
):
    page = client.post(_url(resident), {"action": "find-partners", "need": "unicorns"}).text
    assert "No directory entries match “unicorns”" in page
    assert "Emergency food parcels" in page


def test_a_signposting_picked_from_the_directory_links_to_its_entry(
    client, officer, resident, food_bank
):
    client.post(
        _url(resident),
        {"channel": "phone", "outcome": "signposted", "signposted_service": food_bank.pk},
    )
    assert Contact.objects.get().signposted_service == food_bank
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    entry = reverse("web:directory-entry", args=[food_bank.slug])
    assert (
        f'Signposted to <a class="govuk-link" href="{entry}">'
        "Emergency food parcels (Oxford Food Bank)</a>"
    ) in page


def test_a_signposting_that_names_no_one_points_the_officer_to_the_directory_list(
    client, officer, resident
):
    page = client.post(_url(resident), {"channel": "phone", "outcome": "signposted"}).text
    assert "There is a problem" in page
    assert 'href="#id_signposted_service"' in page
    assert "Select who you signposted the resident to, or enter an organisation" in page
    assert not Contact.objects.exists()


def test_an_entry_not_in_the_directory_cannot_be_chosen(client, officer, resident):
    page = client.post(
        _url(resident), {"channel": "phone", "outcome": "signposted", "signposted_service": 999}
    ).text
    assert "There is a problem" in page
    assert not Contact.objects.exists()


def test_a_signposting_chosen_with_resolved_at_first_contact_is_logged_and_shown(
    client, officer, resident, food_bank
):
    client.post(
        _url(resident),
        {
            "channel": "face_to_face",
            "place": "westgate-library",
            "outcome": "resolved_at_first_contact",
            "signposted_service": food_bank.pk,
        },
    )

    contact = Contact.objects.get()
    assert (contact.outcome, contact.signposted_service) == ("resolved_at_first_contact", food_bank)
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert "Resolved at first contact<br>Signposted to" in page
    assert "Emergency food parcels (Oxford Food Bank)" in page
