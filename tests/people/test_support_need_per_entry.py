"""Need to know is per support need: the team holding one entry reads and reviews that entry,
not the resident's others; a case with the officer's team (or information governance) reads them
all. The reviews-due list, the reminders and the review pages follow the one rule
(people.policies.support_needs_readable_by)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.notify.models import Notification
from opencex.people import policies, review_reminders
from opencex.people.services import (
    read_sensitive_information,
    record_support_need,
    remove_support_need,
    review_support_need,
    reviews_due,
)
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def officer_of(team, role=Role.CASEWORKER):
    officer = UserFactory(role=role)
    team.members.add(officer)
    return officer


def record(resident, team, details, recorded_by=None, days=180):
    return record_support_need(
        actor=recorded_by or UserFactory(role=Role.CONTACT_CENTRE),
        resident=resident,
        category="disability",
        details=details,
        purpose="To help",
        basis="consent",
        consent_given=True,
        consent_how="spoken",
        review_on=TODAY + dt.timedelta(days=days),
        team=team,
    )


@pytest.fixture
def housing():
    return TeamFactory(name="Housing")


@pytest.fixture
def social_care():
    return TeamFactory(name="Adult social care")


@pytest.fixture
def resident():
    return ResidentFactory(full_name="Maria Kowalska")


@pytest.fixture
def entries(resident, housing, social_care):
    return (
        record(resident, housing, "Uses a wheelchair"),
        record(resident, social_care, "Needs a carer present"),
    )


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER])
def test_the_holding_team_reads_only_its_own_entry(resident, housing, entries, role):
    officer = officer_of(housing, role)
    read = read_sensitive_information(actor=officer, resident=resident, purpose="x")
    assert [entry.details for entry in read] == ["Uses a wheelchair"]
    assert not policies.has_need_to_know(officer, resident)


def test_a_case_with_the_team_reads_every_entry(resident, housing, entries):
    officer = officer_of(housing)
    CaseFactory(resident=resident, team=housing)
    read = read_sensitive_information(actor=officer, resident=resident, purpose="x")
    assert sorted(entry.details for entry in read) == ["Needs a carer present", "Uses a wheelchair"]


def test_information_governance_reads_every_entry(resident, entries):
    governance = UserFactory(role=Role.INFORMATION_GOVERNANCE)
    assert len(read_sensitive_information(actor=governance, resident=resident, purpose="x")) == 2


def test_a_team_whose_own_entry_was_removed_reads_nothing_more(resident, housing, entries):
    officer = officer_of(housing)
    remove_support_need(actor=officer, information=entries[0], reason="No longer needed")
    assert not policies.can_view_sensitive_information(officer, resident)
    assert not policies.can_review_support_need(officer, entries[1])
    with pytest.raises(PermissionDenied):
        read_sensitive_information(actor=officer, resident=resident, purpose="x")


def test_the_holding_team_cannot_review_or_remove_another_teams_entry(resident, housing, entries):
    officer = officer_of(housing)
    with pytest.raises(PermissionDenied):
        review_support_need(
            actor=officer,
            information=entries[1],
            note="Checked",
            review_on=TODAY + dt.timedelta(days=30),
        )
    with pytest.raises(PermissionDenied):
        remove_support_need(actor=officer, information=entries[1], reason="Not needed")
    entries[1].refresh_from_db()
    assert entries[1].details == "Needs a carer present"


def test_the_resident_page_shows_the_holding_team_only_its_entry(
    client, resident, housing, entries
):
    client.force_login(officer_of(housing))
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert "Uses a wheelchair" in page
    assert "Needs a carer present" not in page
    assert reverse("staff:review-support-need", args=[resident.pk, entries[0].pk]) in page
    assert reverse("staff:review-support-need", args=[resident.pk, entries[1].pk]) not in page


def test_the_review_pages_refuse_another_teams_entry(client, resident, housing, entries):
    client.force_login(officer_of(housing))
    review = reverse("staff:review-support-need", args=[resident.pk, entries[1].pk])
    remove = reverse("staff:remove-support-need", args=[resident.pk, entries[1].pk])
    assert client.get(review).status_code == 404
    assert client.post(remove, {"reason": "Not needed"}).status_code == 404
    entries[1].refresh_from_db()
    assert entries[1].withdrawn_at is None
    own = reverse("staff:review-support-need", args=[resident.pk, entries[0].pk])
    assert client.get(own).status_code == 200


def test_every_review_listed_opens_for_the_officer(client, housing, social_care):
    """A caseworker who recorded an entry for another team does not review it, so it is not on
    their list (the list and the review page follow one rule)."""
    recorder = officer_of(housing)
    mine = record(ResidentFactory(), housing, "Large print", recorded_by=recorder, days=5)
    record(ResidentFactory(), social_care, "Needs a carer present", recorded_by=recorder, days=5)
    listed = reviews_due(actor=recorder, today=TODAY)
    assert [review.number for review in listed] == [mine.pk]
    client.force_login(recorder)
    for review in listed:
        url = reverse("staff:review-support-need", args=[review.resident.pk, review.number])
        assert client.get(url).status_code == 200


def test_a_recorder_who_does_not_review_it_is_not_reminded(housing, social_care):
    recorder = officer_of(housing)
    carer = officer_of(social_care)
    record(ResidentFactory(), social_care, "Needs a carer present", recorded_by=recorder, days=5)
    review_reminders.send_support_review_reminders(TODAY)
    assert [message.recipient for message in Notification.objects.all()] == [carer.email]
