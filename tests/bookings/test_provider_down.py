"""When the payment provider cannot be reached, the booking pages never answer 500: paying says
so (503) with nothing taken and the date still held, so the resident (or the officer) can try
again; coming back from the card page says we are waiting to hear, and the booking stays held
for reconciliation to settle. The provider is made unreachable as payments' tests do: GOV.UK
Pay's address pointed at a port nothing listens on."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.bookings import services
from opencex.bookings.models import Booking, Slot, Status
from opencex.payments.models import Payment
from opencex.payments.providers import test_provider
from tests.bookings.conftest import key, london
from tests.factories import UserFactory
from tests.payments.loopback import serving

pytestmark = pytest.mark.django_db
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens


@pytest.fixture(autouse=True)
def _thursday(settings):
    settings.OPENCEX_SITE_URL = "http://testserver"
    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        yield


def _monday() -> Slot:
    return Slot.objects.get(resource="round-east", day="2026-09-07")


def _held(resident, *, actor=None, channel="web") -> Booking:
    return services.hold_slot(
        actor=actor or resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=_monday(),
        details={"items": {"furniture": 2}},
        email=resident.email,
        idempotency_key=key(),
        address="1 Barton Road, Oxford",
        postcode="OX3 9AA",
        channel=channel,
    )


def _unreachable(settings) -> None:
    settings.OPENCEX_PAYMENT_PROVIDER = "govuk_pay"
    settings.OPENCEX_GOVUK_PAY_URL = NOWHERE


def _created_at_govuk_pay(method, path, headers, body):
    answer = {
        "payment_id": "hu20sqlact5260q2nanm0q8u93",
        "_links": {"next_url": {"href": "https://card.payments.service.gov.uk/secure/abc"}},
        "state": {"status": "created", "finished": False},
    }
    return 201, {"Content-Type": "application/json"}, json.dumps(answer).encode()


def test_paying_when_the_provider_cannot_be_reached_says_so_and_keeps_the_date(
    client, settings, resident, slots
):
    booking = _held(resident)
    client.force_login(resident.user)
    _unreachable(settings)
    page = client.post(reverse("web:booking-pay", args=[booking.reference]))
    assert page.status_code == 503
    assert "cannot pay online at the moment" in page.content.decode()
    assert "No money has been taken" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.HELD
    assert _monday().taken == 1

    # The provider answers again: trying again starts a new attempt, and a second click the same.
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    again = client.post(reverse("web:booking-pay", args=[booking.reference]))
    twice = client.post(reverse("web:booking-pay", args=[booking.reference]))
    attempts = Payment.objects.order_by("pk")
    assert attempts.count() == 2
    assert again.url == twice.url == attempts.last().next_url
    test_provider.pay_with_card(attempts.last().provider_payment_id, "4444333322221111")
    client.get(reverse("web:booking-return", args=[booking.reference]))
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_coming_back_when_the_provider_cannot_be_reached_says_we_are_waiting(
    client, settings, resident, slots
):
    booking = _held(resident)
    client.force_login(resident.user)
    settings.OPENCEX_PAYMENT_PROVIDER = "govuk_pay"
    with serving(_created_at_govuk_pay) as url:
        settings.OPENCEX_GOVUK_PAY_URL = url
        client.post(reverse("web:booking-pay", args=[booking.reference]))
    settings.OPENCEX_GOVUK_PAY_URL = NOWHERE  # gone by the time the resident comes back
    page = client.get(reverse("web:booking-return", args=[booking.reference]))
    assert page.status_code == 200
    assert "We are waiting to hear about your payment" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.HELD
    assert not Payment.objects.get().is_final  # reconciliation settles it


def test_an_officer_taking_a_payment_when_the_provider_cannot_be_reached_is_told(
    client, settings, resident, slots
):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    booking = _held(resident, actor=officer, channel="phone")
    client.force_login(officer)
    _unreachable(settings)
    page = client.post(reverse("staff:booking-take-payment", args=[booking.reference]))
    assert page.status_code == 503
    assert "no money has been taken" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.HELD


def test_an_officer_back_from_the_card_page_when_the_provider_cannot_be_reached_is_told(
    client, settings, resident, slots
):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    booking = _held(resident, actor=officer, channel="phone")
    client.force_login(officer)
    settings.OPENCEX_PAYMENT_PROVIDER = "govuk_pay"
    with serving(_created_at_govuk_pay) as url:
        settings.OPENCEX_GOVUK_PAY_URL = url
        client.post(reverse("staff:booking-take-payment", args=[booking.reference]))
    settings.OPENCEX_GOVUK_PAY_URL = NOWHERE
    back = client.get(reverse("staff:booking-payment-return", args=[booking.reference]))
    assert back.status_code == 302
    page = client.get(back.url).content.decode()
    assert "We are checking the payment" in page
    booking.refresh_from_db()
    assert booking.status == Status.HELD
