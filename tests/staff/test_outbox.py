"""The development SMS outbox: staff read the text messages residents would have received."""

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.notify.services import notify_resident
from tests.factories import CaseFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the worker closes its connection


def test_staff_read_a_text_message_sent_to_a_resident(client, run_jobs):
    resident = ResidentFactory(preferred_channel="sms", consents_to_sms=True, phone="07700900001")
    case = CaseFactory(resident=resident, reference="SR-ABCD-EFGH")
    notify_resident(case=case, template="case_received")
    run_jobs()
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response = client.get(reverse("staff:outbox"))
    assert response.status_code == 200
    assert "07700900001" in response.text
    assert "SR-ABCD-EFGH" in response.text


def test_a_resident_cannot_read_the_outbox(client):
    client.force_login(UserFactory(role=Role.RESIDENT))
    assert client.get(reverse("staff:outbox")).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("staff:outbox"))
    assert response.status_code == 302
    assert reverse("staff:sign-in") in response["Location"]
