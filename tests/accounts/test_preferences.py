"""Residents choose how we contact them and in which language; messages follow the choice."""

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.notify.services import route_for_case
from tests.factories import CaseFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(client):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
    resident = ResidentFactory(user=user, email="ann@example.org", phone="")
    client.force_login(user)
    return resident


def save(client, **changes):
    data = {
        "preferred_channel": "email",
        "consents": ["email"],
        "phone": "",
        "preferred_language": "en",
    }
    return client.post(reverse("web:preferences"), {**data, **changes})


def test_text_messages_need_a_mobile_number(client, resident):
    response = save(client, preferred_channel="sms", consents=["sms"])
    assert response.status_code == 200
    assert "Enter a UK mobile phone number to get text messages" in response.text
    assert 'href="#id_phone"' in response.text
    resident.refresh_from_db()
    assert resident.preferred_channel == "email"


def test_choosing_text_messages_sends_the_next_update_by_text(client, resident):
    response = save(
        client,
        preferred_channel="sms",
        consents=["sms"],
        phone="07700 900123",
        preferred_language="pl",
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.preferred_channel, resident.phone, resident.preferred_language) == (
        "sms",
        "07700900123",
        "pl",
    )
    assert route_for_case(CaseFactory(resident=resident)).channel == "sms"


def test_text_messages_without_agreeing_to_them_is_refused(client, resident):
    response = save(client, preferred_channel="sms", consents=[], phone="07700900123")
    assert "To get text messages, agree to text messages" in response.text


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("web:preferences"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:sign-in")


def test_staff_accounts_do_not_have_resident_preferences(client):
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get(reverse("web:preferences")).status_code == 302
