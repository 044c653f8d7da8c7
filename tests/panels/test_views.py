"""The public pages (join, its error summary, the age checks, the rate limit) and the staff pages
(who may see them, contact details only for the roles that need them and logged, moderation of
young members' words, the representativeness table, its CSV and the invitations)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.notify.models import Notification
from opencex.panels.models import (
    MemberMessage,
    Membership,
    ModerationStatus,
    PanelEvent,
    PanelInvitation,
    PanelKind,
)
from opencex.people.models import Occupancy, Relationship
from tests.factories import PropertyFactory, ResidentFactory, UserFactory
from tests.panels.conftest import join

pytestmark = pytest.mark.django_db


def _form(**overrides):
    values = {
        "full_name": "Amara Okafor",
        "date_of_birth-day": "17",
        "date_of_birth-month": "5",
        "date_of_birth-year": "1980",
        "contact_by": "email",
        "email": "amara@example.org",
        "phone": "",
        "postcode": "",
        "ward": "Cowley",
        "tenure": "owned",
        "ethnic_group": "prefer_not_to_say",
        "disability": "",
        "main_language": "",
        "message": "",
        "agrees_to_join": "on",
    }
    return values | overrides


def test_the_panels_page_describes_both_panels(client, panels):
    page = client.get(reverse("web:panels")).content.decode()
    assert "Residents Panel" in page
    assert "Youth Panel" in page
    assert reverse("web:panel-join", args=["youth"]) in page


def test_an_unknown_panel_is_not_found(client, panels):
    assert client.get(reverse("web:panel-join", args=["seniors"])).status_code == 404


def test_joining_through_the_form(client, panels):
    response = client.post(reverse("web:panel-join", args=["residents"]), _form())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page
    assert not Membership.objects.active().exists()
    sent = Notification.objects.get(template="panel_confirm", recipient="amara@example.org")
    link = re.search(r"https?://[^/\s]+(/panels/confirm/\S+)", sent.body).group(1)
    assert "Confirm" in client.get(link).content.decode()
    assert not Membership.objects.active().exists()  # opening the link changes nothing
    page = client.post(link).content.decode()
    assert "You have joined the panel" in page
    assert client.post(link).status_code == 404  # used once
    membership = Membership.objects.active().get()
    assert membership.tenure == "owned"
    assert membership.age_band == "45_54"
    assert not hasattr(membership, "profile") or membership.profile.ethnic_group == ""


def test_the_form_shows_every_problem_in_the_error_summary(client, panels):
    response = client.post(
        reverse("web:panel-join", args=["residents"]),
        _form(full_name="", **{"date_of_birth-day": "31", "date_of_birth-month": "2"}, email="x"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "There is a problem" in page
    assert 'href="#id_full_name"' in page
    assert 'href="#date_of_birth-day">Date of birth must be a real date' in page
    assert 'href="#id_email"' in page
    assert not Membership.objects.exists()


def test_a_child_on_the_residents_panel_form_is_told_why(client, panels):
    response = client.post(
        reverse("web:panel-join", args=["residents"]), _form(**{"date_of_birth-year": "2012"})
    )
    assert response.status_code == 400
    assert "You must be 18 or older to join the Residents Panel" in response.content.decode()


def test_the_youth_form_asks_for_a_parent_under_16(client, panels):
    url = reverse("web:panel-join", args=["youth"])
    assert "parent" in client.get(url).content.decode()
    response = client.post(url, _form(**{"date_of_birth-year": "2012"}))
    assert response.status_code == 400
    assert 'href="#id_parent_name"' in response.content.decode()


def test_the_public_form_is_rate_limited(client, panels):
    url = reverse("web:panel-join", args=["residents"])
    for n in range(5):
        client.post(url, _form(email=f"person{n}@example.org"))
    response = client.post(url, _form(email="sixth@example.org"))
    assert response.status_code == 429
    assert not Membership.objects.filter(resident__email="sixth@example.org").exists()


# ---- staff ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CONTACT_CENTRE, Role.CASEWORKER])
def test_officers_without_a_need_may_not_see_the_panels(client, panels, role):
    client.force_login(UserFactory(role=role, password=None))
    for url in [
        reverse("staff:panels"),
        reverse("staff:panel-members", args=["residents"]),
        reverse("staff:panel-representativeness", args=["residents"]),
        reverse("staff:panel-representativeness-csv", args=["residents"]),
    ]:
        assert client.get(url).status_code == 403


def test_information_governance_sees_members_but_not_their_contact_details(client, panels):
    membership = join().membership
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE, password=None))
    page = client.get(reverse("staff:panel-members", args=["residents"])).content.decode()
    assert "Amara Okafor" in page
    assert "amara@example.org" not in page
    assert "Not shown for your role" in page
    url = reverse("staff:panel-contact-details", args=["residents", membership.pk])
    assert client.post(url, {"why": "Curious"}).status_code == 403


def test_a_manager_sees_one_members_contact_details_with_a_reason_and_it_is_logged(client, panels):
    membership = join().membership
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None)
    client.force_login(manager)
    page = client.get(reverse("staff:panel-members", args=["residents"])).content.decode()
    assert "amara@example.org" not in page
    url = reverse("staff:panel-contact-details", args=["residents", membership.pk])
    missing = client.post(url, {"why": ""})
    assert missing.status_code == 400
    assert "Say why you need the contact details" in missing.content.decode()
    shown = client.post(url, {"why": "To arrange the focus group"}).content.decode()
    assert "amara@example.org" in shown
    event = PanelEvent.objects.get(action="contact_details_read")
    assert (event.actor, event.detail) == (manager, "To arrange the focus group")


def test_a_young_members_words_reach_the_team_only_after_a_moderator_approves(client, panels):
    join(PanelKind.YOUTH, date_of_birth=dt.date(2008, 1, 1), message="More buses please")
    message = MemberMessage.objects.get()
    assert message.status == ModerationStatus.AWAITING
    governance = UserFactory(role=Role.INFORMATION_GOVERNANCE, password=None)
    client.force_login(governance)
    page = client.get(reverse("staff:panel-members", args=["youth"])).content.decode()
    assert "More buses please" not in page
    assert "1 message is waiting for a moderator." in page
    moderate = reverse("staff:panel-moderate", args=["youth", message.pk])
    assert client.post(moderate, {"decision": "approve"}).status_code == 403
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None)
    client.force_login(manager)
    assert (
        "More buses please"
        in client.get(reverse("staff:panel-members", args=["youth"])).content.decode()
    )
    client.post(moderate, {"decision": "approve"})
    message.refresh_from_db()
    assert message.status == ModerationStatus.APPROVED
    assert message.moderated_by == manager
    client.force_login(governance)
    page = client.get(reverse("staff:panel-members", args=["youth"])).content.decode()
    assert "More buses please" in page
    assert PanelEvent.objects.filter(action="message_approved", actor=manager).exists()


def test_a_rejected_message_is_deleted(client, panels):
    join(PanelKind.YOUTH, date_of_birth=dt.date(2008, 1, 1), message="Rude words")
    message = MemberMessage.objects.get()
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, password=None))
    client.post(reverse("staff:panel-moderate", args=["youth", message.pk]), {"decision": "reject"})
    message.refresh_from_db()
    assert (message.status, message.text) == (ModerationStatus.REJECTED, "")


def test_the_representativeness_page_and_csv(client, panels):
    for n in range(6):
        join(email=f"m{n}@example.org", ward="Cowley")
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE, password=None))
    page = client.get(reverse("staff:panel-representativeness", args=["residents"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Representativeness of the Residents Panel" in text
    assert "Under-represented" in text
    assert "Blackbird Leys" in text
    assert "have not yet been checked" in text
    csv = client.get(reverse("staff:panel-representativeness-csv", args=["residents"]))
    body = csv.content.decode()
    assert csv["Content-Type"].startswith("text/csv")
    assert "Ward,Cowley,6,100.0,4.2,95.8,no" in body
    assert "Ward,Blackbird Leys,fewer than 5,,4.3,,yes" in body


def test_a_manager_invites_a_research_volunteer_in_a_missing_ward_once(client, panels):
    for n in range(6):
        join(email=f"m{n}@example.org", ward="Cowley")
    volunteer = ResidentFactory(consents_to_research=True, email="lee@example.org")
    not_asked = ResidentFactory(consents_to_research=False)
    for resident in (volunteer, not_asked):
        Occupancy.objects.create(
            resident=resident,
            property=PropertyFactory(ward="Blackbird Leys"),
            relationship=Relationship.TENANT,
        )
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None)
    client.force_login(manager)
    page = client.get(
        reverse("staff:panel-representativeness", args=["residents"])
    ).content.decode()
    assert volunteer.full_name in page
    assert not_asked.full_name not in page
    client.post(reverse("staff:panel-invite", args=["residents"]), {"resident": volunteer.pk})
    invitation = Notification.objects.get(template="panel_invitation")
    assert invitation.recipient == "lee@example.org"
    assert "/panels/residents/join/" in invitation.body
    assert PanelInvitation.objects.filter(resident=volunteer).count() == 1
    assert PanelEvent.objects.filter(action="invited", actor=manager).exists()
    page = client.get(
        reverse("staff:panel-representativeness", args=["residents"])
    ).content.decode()
    assert volunteer.full_name not in page
    client.post(reverse("staff:panel-invite", args=["residents"]), {"resident": not_asked.pk})
    assert PanelInvitation.objects.count() == 1


def test_the_members_list_costs_the_same_queries_for_two_members_or_twelve(
    client, panels, django_assert_max_num_queries
):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    url = reverse("staff:panel-members", args=["residents"])
    for n in range(2):
        join(email=f"member{n}@example.org", full_name=f"Member {n}")
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    for n in range(2, 12):
        join(email=f"member{n}@example.org", full_name=f"Member {n}")
    with django_assert_max_num_queries(len(two.captured_queries)):  # no query per member
        page = client.get(url).content.decode()
    assert "Member 11" in page
