"""Officers take a payment for a named resident through the same door (card holder not present
on the phone), recorded as an assisted-digital contact; finance reads takings and the day's
reconciliation and refunds with a reason."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from opencex.accounts.models import Role
from opencex.contacts.models import Contact
from opencex.payments.models import (
    DemoBill,
    Payment,
    PaymentStatus,
    Refund,
    TestProviderSession,
)
from opencex.payments.providers import test_provider
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.OPENCEX_SITE_URL = "http://testserver"
    settings.OPENCEX_PAYMENT_PROVIDER = "test"


@pytest.fixture(autouse=True)
def _clock():
    """A fixed London noon: a payment and the finance view's "today" are always the same day."""
    with time_machine.travel(datetime(2026, 3, 11, 12, tzinfo=ZoneInfo("Europe/London"))):
        yield


@pytest.fixture
def resident():
    return ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")


@pytest.fixture
def bill():
    return DemoBill.objects.create(
        kind="parking_pcn", reference="OX12345674", description="Car park", balance_pence=3500
    )


def take(client, resident, **fields):
    page = client.get(f"/staff/residents/{resident.pk}/payments/take/").content.decode()
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    data = {
        "kind": "parking_pcn",
        "reference": "OX12345674",
        "channel": "phone",
        "email": "ada@example.org",
        "token": token,
    } | fields
    return client.post(f"/staff/residents/{resident.pk}/payments/take/", data), data


def test_a_phone_payment_is_card_holder_not_present_and_logged_as_a_contact(client, resident, bill):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    response, _ = take(client, resident)
    payment = Payment.objects.get()
    assert response["Location"] == payment.next_url
    assert (payment.channel, payment.card_holder_present, payment.taken_by) == (
        "phone",
        False,
        officer,
    )
    assert payment.resident == resident
    assert TestProviderSession.objects.get().moto is True
    contact = Contact.objects.get()
    assert (contact.channel, contact.resident, contact.officer) == ("phone", resident, officer)
    assert payment.reference in contact.note


def test_the_officer_comes_back_to_the_payment_page_after_the_card_page(client, resident, bill):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    response, _ = take(client, resident)
    page = client.get(response["Location"]).content.decode()
    assert "Card holder not present" in page
    back = client.post(response["Location"], {"card_number": "4444333322221111"})
    landed = client.get(back["Location"])
    payment = Payment.objects.get()
    assert landed["Location"] == f"/staff/payments/{payment.reference}/"
    assert payment.status == PaymentStatus.SUCCESS
    page = client.get(landed["Location"]).content.decode()
    assert "£35.00" in page
    assert "card holder not present" in page


def test_sending_the_same_form_twice_takes_one_payment(client, resident, bill):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    first, data = take(client, resident)
    second = client.post(f"/staff/residents/{resident.pk}/payments/take/", data)
    assert first["Location"] == second["Location"]
    assert Payment.objects.count() == 1
    assert Contact.objects.count() == 1


def test_a_desk_payment_needs_the_place(client, resident, bill):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response, _ = take(client, resident, channel="face_to_face")
    assert response.status_code == 400
    assert not Payment.objects.exists()
    response, _ = take(client, resident, channel="face_to_face", place="westgate-library")
    payment = Payment.objects.get()
    assert (payment.channel, payment.card_holder_present) == ("face_to_face", True)
    assert Contact.objects.get().place == "westgate-library"


def test_a_wrong_reference_is_refused_on_the_staff_form_too(client, resident, bill):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response, _ = take(client, resident, reference="OX12345675")
    assert response.status_code == 400
    assert "Check your Penalty Charge Notice number: one of the numbers is wrong" in (
        response.content.decode()
    )
    assert not Payment.objects.exists()


def test_information_governance_cannot_take_payments(client, resident):
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE))
    assert client.get(f"/staff/residents/{resident.pk}/payments/take/").status_code == 403


@pytest.fixture
def paid_by_phone(client, resident, bill):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    _response, _ = take(client, resident)
    test_provider.pay_with_card(Payment.objects.get().provider_payment_id, "4444333322221111")
    client.get(f"/staff/payments/return/{_['token']}/")
    client.logout()
    return Payment.objects.get()


def test_the_finance_view_shows_the_days_takings_and_the_csv_has_the_payment(client, paid_by_phone):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER))
    page = client.get("/staff/payments/").content.decode()
    assert "£35.00" in page
    assert "parking_pcn" in page
    day = timezone.localdate().isoformat()
    response = client.get(f"/staff/payments/reconciliation.csv?day={day}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [
        (r["our_reference"], r["status"], r["amount_pence"], r["card_holder_present"]) for r in rows
    ] == [(paid_by_phone.reference, "success", "3500", "False")]


def test_refunding_from_the_payment_page_with_a_reason(client, paid_by_phone):
    manager = UserFactory(role=Role.TEAM_MANAGER)
    client.force_login(manager)
    url = f"/staff/payments/{paid_by_phone.reference}/refund/"
    form = client.get(f"/staff/payments/{paid_by_phone.reference}/").content.decode()
    key = re.search(r'name="key" value="([^"]+)"', form)[1]
    too_much = client.post(url, {"amount": "35.01", "reason": "Paid twice", "key": key})
    assert too_much.status_code == 400
    assert "The refund must be £35.00 or less" in too_much.content.decode()
    no_reason = client.post(url, {"amount": "5", "reason": "", "key": key})
    assert "Enter why you are refunding this payment" in no_reason.content.decode()
    done = client.post(url, {"amount": "5.00", "reason": "Paid twice", "key": key})
    assert done.status_code == 302
    paid_by_phone.refresh_from_db()
    assert paid_by_phone.refunded_pence == 500
    # The same form submitted again (a double click, a resubmitted page) refunds once.
    again = client.post(url, {"amount": "5.00", "reason": "Paid twice", "key": key})
    assert again.status_code == 302
    paid_by_phone.refresh_from_db()
    assert (paid_by_phone.refunded_pence, Refund.objects.count()) == (500, 1)
    assert TestProviderSession.objects.get().refunded_pence == 500
    other = client.post(url, {"amount": "6.00", "reason": "Paid twice", "key": key})
    assert other.status_code == 400
    assert "This refund form was already used for a refund of £5.00" in other.content.decode()
    page = client.get(f"/staff/payments/{paid_by_phone.reference}/").content.decode()
    assert "Paid twice" in page
    assert escape(manager.full_name) in page


def test_the_officer_who_took_a_payment_may_see_it_but_another_may_not(client, resident, bill):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    take(client, resident)
    payment = Payment.objects.get()
    assert client.get(f"/staff/payments/{payment.reference}/").status_code == 200
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    assert client.get(f"/staff/payments/{payment.reference}/").status_code == 403
    assert (
        client.post(
            f"/staff/payments/{payment.reference}/refund/", {"amount": "1", "reason": "x"}
        ).status_code
        == 403
    )


def test_the_residents_page_offers_take_a_payment_only_to_those_who_may(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    assert "Take a payment" in client.get(f"/staff/residents/{resident.pk}/").content.decode()
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE))
    assert "Take a payment" not in client.get(f"/staff/residents/{resident.pk}/").content.decode()


def test_a_refund_form_without_its_key_is_refused_with_a_message_in_the_summary(
    client, paid_by_phone
):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER))
    url = f"/staff/payments/{paid_by_phone.reference}/refund/"
    refused = client.post(url, {"amount": "5.00", "reason": "Paid twice"})
    assert refused.status_code == 400
    assert "This refund form is out of date" in refused.content.decode()
    assert not Refund.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_finance_day_out_of_range_shows_today_rather_than_failing(client, day):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert client.get(reverse("staff:finance"), {"day": day}).status_code == 200
    assert client.get(reverse("staff:finance-csv"), {"day": day}).status_code == 200
