"""An application from the public form changes nothing until the owner of the address given
confirms it by the link sent to it; unconfirmed applications go with their answers; the page
after the form says the same whether or not the address is already on a panel; a resident signed
in as themselves joins at once; texts agreed are recorded on the resident's record with their
time, on confirmation only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from opencex.notify.models import Notification
from opencex.panels import links, refresh, services
from opencex.panels.models import (
    MemberMessage,
    Membership,
    MembershipStatus,
    PanelEvent,
    PanelProfile,
)
from opencex.people.models import Resident
from tests.factories import ResidentFactory, UserFactory
from tests.panels.conftest import NOW, applicant, apply, join

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
        "ethnic_group": "black",
        "disability": "no",
        "main_language": "",
        "message": "",
        "agrees_to_join": "on",
        "agrees_to_profile": "on",
    }
    return values | overrides


def test_a_sign_up_with_someone_elses_address_changes_nothing_on_their_record(residents_panel):
    victim = ResidentFactory(email="amara@example.org", phone="")
    applied = apply(phone="07700 900 123", contact_by="sms")
    victim.refresh_from_db()
    assert victim.phone == ""
    assert not victim.consents_to_sms
    assert applied.membership.status == MembershipStatus.AWAITING_CONFIRMATION
    assert not Membership.objects.active().exists()
    assert services.places_taken(residents_panel) == 0
    sent = Notification.objects.get(template="panel_confirm")
    assert sent.recipient == "amara@example.org"  # the link goes to the owner of the address
    assert not Notification.objects.filter(template="panel_joined").exists()


def test_the_link_makes_the_membership_and_records_the_texts_agreed(residents_panel):
    victim = ResidentFactory(email="amara@example.org", phone="", consents_to_sms=False)
    apply(phone="07700 900 123", contact_by="sms")
    token = re.search(r"/panels/confirm/([^/\s]+)/", Notification.objects.get().body).group(1)
    membership = services.application_for_link(token)
    services.confirm_application(membership=membership)
    victim.refresh_from_db()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.MEMBER
    assert membership.application == {}
    assert victim.phone == "07700900123"
    assert victim.consents_to_sms
    assert victim.sms_consent_at == NOW
    assert Notification.objects.filter(template="panel_joined", channel="sms").exists()


def test_texts_agreed_never_replace_a_number_already_held(residents_panel):
    held = ResidentFactory(email="amara@example.org", phone="07700900999")
    membership = join(phone="07700 900 123", contact_by="sms").membership
    held.refresh_from_db()
    assert held.phone == "07700900999"
    assert not held.consents_to_sms
    assert membership.contact_by == "email"  # told by email, not texted at a number not agreed
    assert not Notification.objects.filter(channel="sms").exists()


def test_a_link_for_another_purpose_or_out_of_time_is_refused(residents_panel):
    applied = apply()
    assert services.application_for_link(links.token(links.LEAVE, applied.membership.pk)) is None
    token = links.token(links.APPLICATION, applied.membership.pk)
    with time_machine.travel(NOW + dt.timedelta(days=links.APPLICATION_DAYS, hours=1)):
        assert services.application_for_link(token) is None


def test_unconfirmed_applications_are_deleted_with_their_answers_by_the_daily_job(
    residents_panel,
):
    existing = ResidentFactory(email="held@example.org")
    apply(email="held@example.org", message="More buses")
    apply(email="new@example.org")
    assert PanelProfile.objects.count() == 2
    with time_machine.travel(NOW + dt.timedelta(days=6), tick=False):
        refresh.send_panel_refresh()
    assert Membership.objects.count() == 2
    with time_machine.travel(NOW + dt.timedelta(days=7, hours=1), tick=False):
        refresh.send_panel_refresh()
    assert not Membership.objects.exists()
    assert not PanelProfile.objects.exists()
    assert not MemberMessage.objects.exists()
    assert Resident.objects.filter(pk=existing.pk).exists()  # the real resident stays
    assert not Resident.objects.filter(email="new@example.org").exists()  # made for it: gone
    assert PanelEvent.objects.filter(action="application_removed").count() == 2


def test_the_page_after_the_form_does_not_say_whether_the_address_is_on_a_panel(client, panels):
    url = reverse("web:panel-join", args=["residents"])
    first = client.get(client.post(url, _form())["Location"]).content.decode()
    token = re.search(r"/panels/confirm/([^/\s]+)/", Notification.objects.get().body).group(1)
    services.confirm_application(membership=services.application_for_link(token))
    again = client.get(client.post(url, _form())["Location"]).content.decode()
    stranger = client.get(
        client.post(url, _form(email="someone@example.org"))["Location"]
    ).content.decode()

    def main(page):
        return re.sub(r'(value|nonce)="[^"]{16,}"', "", page[page.index("<main") :])

    assert "Check your email" in first
    assert main(first) == main(again) == main(stranger)
    assert "already" not in main(again)


def test_a_resident_signed_in_as_themselves_joins_at_once(client, residents_panel):
    resident = ResidentFactory(email="amara@example.org")
    services.join_panel(actor=None, kind="residents", applicant=applicant(), resident=resident)
    membership = Membership.objects.get()
    assert membership.status == MembershipStatus.MEMBER
    assert not Notification.objects.filter(template="panel_confirm").exists()


def test_an_unconfirmed_application_is_not_shown_to_staff(youth_panel):
    from opencex.panels import selectors

    apply("youth", date_of_birth=dt.date(2006, 1, 1), message="More buses")
    assert not selectors.members_for_staff(youth_panel).exists()
    assert not selectors.messages_to_moderate(youth_panel).exists()


def test_a_signed_in_resident_joins_through_the_form_without_a_link(client, panels):
    from opencex.accounts.models import Role

    user = UserFactory(role=Role.RESIDENT, email="amara@example.org")
    ResidentFactory(email="amara@example.org", user=user)
    client.force_login(user)
    response = client.post(reverse("web:panel-join", args=["residents"]), _form())
    page = client.get(response["Location"]).content.decode()
    assert "You have joined the panel" in page
    assert Membership.objects.active().get().resident.user == user
    assert not Notification.objects.filter(template="panel_confirm").exists()


def test_a_new_resident_who_chose_texts_can_be_reached_by_surveys_once_confirmed(panels):
    applied = apply(email="", phone="07700 900 456", contact_by="sms")
    resident = applied.membership.resident
    assert not resident.consents_to_sms  # not before the texted link is used
    sent = Notification.objects.get(template="panel_confirm")
    assert (sent.channel, sent.recipient) == ("sms", "07700900456")
    join(email="", phone="07700 900 456", contact_by="sms")
    resident.refresh_from_db()
    assert resident.consents_to_sms
    assert resident.sms_consent_at == NOW
