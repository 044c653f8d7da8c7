"""The staff pages for duplicate residents: the review queue and its decisions, the merge
confirmation (what moves, never special-category data to someone who may not read it), the
history with undo, the find/create page's warning and the look-up as an officer types."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.matching import services
from opencex.matching.models import PairStatus, ResidentMerge
from opencex.matching.records import INDEX
from opencex.people.models import Occupancy, Relationship, Resident, SensitiveInformation
from tests.factories import CaseFactory, PropertyFactory, ResidentFactory, UserFactory
from tests.matching.rows import candidate_pair

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    INDEX.clear()
    yield
    INDEX.clear()


@pytest.fixture
def pair():
    robert = ResidentFactory(full_name="Robert Smith", date_of_birth=date(1980, 3, 14))
    bob = ResidentFactory(full_name="Bob Smyth", date_of_birth=date(1980, 3, 14))
    reasons = ("same date of birth", "surname sounds the same (Smyth / Smith)")
    return candidate_pair(robert, bob, reasons=reasons)


def _signed_in(client, role):
    user = UserFactory(role=role)
    client.force_login(user)
    return user


def test_the_review_queue_lists_pairs_with_their_reasons(client, pair):
    _signed_in(client, Role.CONTACT_CENTRE)
    page = client.get(reverse("staff:resident-duplicates")).content.decode()
    assert "Robert Smith and Bob Smyth" in page
    assert "surname sounds the same (Smyth / Smith)" in page
    assert "Likely" in page


def test_an_officer_says_not_the_same_and_the_pair_leaves_the_queue(client, pair):
    _signed_in(client, Role.CASEWORKER)
    url = reverse("staff:resident-duplicate", args=[pair.pk])
    response = client.post(url, {"decision": "different", "note": "Father and son"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.NOT_THE_SAME
    assert (
        "Robert Smith and" not in client.get(reverse("staff:resident-duplicates")).content.decode()
    )


def test_skipping_leaves_the_pair_as_it_was(client, pair):
    _signed_in(client, Role.CASEWORKER)
    client.post(reverse("staff:resident-duplicate", args=[pair.pk]), {"decision": "skip"})
    pair.refresh_from_db()
    assert pair.status == PairStatus.PROPOSED


def test_a_decision_must_be_chosen(client, pair):
    _signed_in(client, Role.CASEWORKER)
    response = client.post(reverse("staff:resident-duplicate", args=[pair.pk]), {})
    assert response.status_code == 400
    assert "Select whether they are the same person" in response.content.decode()


def test_a_caseworker_who_says_the_same_sends_it_to_a_manager(client, pair):
    _signed_in(client, Role.CASEWORKER)
    client.post(reverse("staff:resident-duplicate", args=[pair.pk]), {"decision": "same"})
    pair.refresh_from_db()
    assert pair.status == PairStatus.UNDER_REVIEW
    assert not ResidentMerge.objects.exists()


def test_a_manager_who_says_the_same_goes_to_the_merge_confirmation(client, pair):
    _signed_in(client, Role.TEAM_MANAGER)
    response = client.post(
        reverse("staff:resident-duplicate", args=[pair.pk]), {"decision": "same"}
    )
    assert response.url == reverse("staff:resident-merge", args=[pair.pk])


def test_the_merge_page_counts_what_moves_and_refuses_without_a_reason(client, pair):
    CaseFactory.create_batch(2, resident=pair.resident_b)
    _signed_in(client, Role.TEAM_MANAGER)
    url = reverse("staff:resident-merge", args=[pair.pk])
    assert "2 cases" in client.get(url).content.decode()

    response = client.post(url, {"keep": pair.resident_a_id, "reason": ""})

    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter why these records are the same person" in page
    assert not ResidentMerge.objects.exists()


def test_merging_from_the_page_keeps_the_chosen_record(client, pair):
    _signed_in(client, Role.TEAM_MANAGER)
    url = reverse("staff:resident-merge", args=[pair.pk])
    response = client.post(url, {"keep": pair.resident_b_id, "reason": "Same date of birth"})
    assert response.url == reverse("staff:resident", args=[pair.resident_b_id])
    assert Resident.objects.get(pk=pair.resident_a_id).merged_into_id == pair.resident_b_id


def _support_need(resident):
    return SensitiveInformation.objects.create(
        resident=resident,
        category="mental_health",
        details="Anxiety",
        purpose="To adapt contact",
        lawful_basis="consent",
        review_on=timezone.localdate() + timedelta(days=30),
    )


def test_special_category_data_is_never_counted_for_someone_who_may_not_read_it(client, pair):
    _support_need(pair.resident_b)
    _signed_in(client, Role.TEAM_MANAGER)  # no case with their team: no need to know
    url = reverse("staff:resident-merge", args=[pair.pk])
    assert "sensitive information" not in client.get(url).content.decode()

    _signed_in(client, Role.INFORMATION_GOVERNANCE)
    assert "1 sensitive information" in client.get(url).content.decode()


def test_a_link_to_a_merged_record_leads_to_the_kept_one(client, pair):
    manager = _signed_in(client, Role.TEAM_MANAGER)
    services.merge_residents(
        actor=manager, kept=pair.resident_a, merged=pair.resident_b, reason="Same", pair=pair
    )
    response = client.get(reverse("staff:resident", args=[pair.resident_b_id]))
    assert response.url == reverse("staff:resident", args=[pair.resident_a_id])


def test_the_history_lists_merges_and_undo_puts_them_apart(client, pair):
    manager = _signed_in(client, Role.TEAM_MANAGER)
    merge = services.merge_residents(
        actor=manager, kept=pair.resident_a, merged=pair.resident_b, reason="Same DOB", pair=pair
    )
    history = client.get(reverse("staff:resident-merges")).content.decode()
    assert "Same DOB" in history
    assert "Undo" in history

    undo = reverse("staff:resident-merge-undo", args=[merge.pk])
    assert client.post(undo, {"reason": ""}).status_code == 400
    assert client.post(undo, {"reason": "Different people"}).status_code == 302
    merge.refresh_from_db()
    assert merge.undone_at is not None


def _live(name, born, email, street, postcode):
    resident = ResidentFactory(full_name=name, date_of_birth=born, email=email, phone="")
    home = PropertyFactory(address_line_1=street, postcode=postcode)
    Occupancy.objects.create(resident=resident, property=home, relationship=Relationship.TENANT)
    return resident


@pytest.fixture
def known():
    others = [
        ("Priya Patel", date(1975, 7, 2)),
        ("Tomasz Nowak", date(1990, 11, 30)),
        ("Amina Yusuf", date(1968, 1, 9)),
    ]
    for n, (name, born) in enumerate(others):
        _live(name, born, f"p{n}@example.org", f"{n + 2} Cowley Road", "OX4 1HR")
    return _live("Robert Smith", date(1980, 3, 14), "rob@example.org", "1 Cowley Road", "OX4 1HR")


def test_the_look_up_as_an_officer_types_gives_minimised_details(client, known):
    _signed_in(client, Role.CONTACT_CENTRE)
    response = client.get(
        reverse("staff:known-residents"),
        {"full_name": "Bob Smyth", "dob_day": "14", "dob_month": "3", "dob_year": "1980"},
    )
    found = response.json()["residents"]
    assert found[0]["name"] == "Robert Smith"
    assert set(found[0]) == {"name", "address", "birth_year", "reasons", "likely", "url"}
    assert found[0]["address"] == "Cowley Road, OX4"
    assert "rob@example.org" not in response.content.decode()


def test_without_javascript_the_create_page_warns_on_submit(client, known):
    _signed_in(client, Role.CONTACT_CENTRE)
    response = client.post(
        reverse("staff:create-resident"),
        {"full_name": "Bob Smyth", "dob_day": "14", "dob_month": "3", "dob_year": "1980"},
    )
    page = response.content.decode()
    assert "These may be the same person" in page
    assert "Use the record for Robert Smith" in page
    assert Resident.objects.count() == 4
