"""Officers' pages: a phone booking for a named resident through the same steps, the crew's
collection list (page and CSV), the room diary, a booking's acts, the resident's single view."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from opencex.accounts.models import Role
from opencex.bookings.models import Booking, Slot, Status
from opencex.contacts.models import Contact
from opencex.payments.models import Payment
from opencex.payments.providers import test_provider
from tests.bookings.conftest import london, run_queued_refunds
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SLUG = "book-bulky-waste-collection"


@pytest.fixture(autouse=True)
def _thursday(settings):
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        yield


@pytest.fixture
def desk(client, officer, slots):
    client.force_login(officer)
    return client


def _phone_booking(client, resident):
    client.post(
        reverse("staff:book-for-resident", args=[resident.pk, SLUG]),
        {
            "h-channel": "phone",
            "d-postcode": "OX3 9AA",
            "d-address": "14 Underhill Circus",
            "d-items-furniture": "1",
            "d-items-large-electrical": "0",
            "d-concession": "Council Tax Reduction",
            "d-email": resident.email,
        },
    )
    monday = Slot.objects.get(resource="round-east", day="2026-09-07")
    to_pay = client.post(
        reverse("staff:book-for-resident-date", args=[resident.pk, SLUG]),
        {"slot": monday.pk, "token": "desk-1"},
    )
    booking = Booking.objects.get()
    assert to_pay.url == reverse("staff:booking-take-payment", args=[booking.reference])
    to_provider = client.post(to_pay.url)
    payment = Payment.objects.get()
    assert to_provider.url == payment.next_url
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    client.get(reverse("staff:booking-payment-return", args=[booking.reference]))
    booking.refresh_from_db()
    return booking, payment


def test_an_officer_takes_a_phone_booking_card_holder_not_present(desk, resident, officer):
    booking, payment = _phone_booking(desk, resident)
    assert booking.status == Status.CONFIRMED
    assert booking.channel == "phone"
    assert booking.price_pence == 1000  # the concession price for furniture
    assert payment.card_holder_present is False
    assert Contact.objects.get(resident=resident).channel == "phone"
    page = desk.get(reverse("staff:booking", args=[booking.reference])).content.decode()
    assert "not checked yet" in page
    assert escape(officer.full_name) in page


def test_the_crews_collection_list_and_its_csv(desk, resident):
    booking, _payment = _phone_booking(desk, resident)
    query = {"day": "2026-09-07", "resource": "round-east"}
    page = desk.get(reverse("staff:bookings"), query).content.decode()
    assert booking.reference in page
    assert "14 Underhill Circus" in page
    assert "Concession to check" in page
    response = desk.get(reverse("staff:bookings-csv"), query)
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0][0] == "Reference"
    assert rows[1][0] == booking.reference
    assert rows[1][6] == "14 Underhill Circus"
    other_day = desk.get(reverse("staff:bookings-csv"), {"day": "2026-09-09"})
    assert len(list(csv.reader(io.StringIO(other_day.content.decode())))) == 1


def test_the_residents_single_view_lists_their_bookings_and_offers_to_book(desk, resident):
    booking, _payment = _phone_booking(desk, resident)
    page = desk.get(reverse("staff:resident", args=[resident.pk])).content.decode()
    assert booking.reference in page
    assert reverse("staff:book-for-resident", args=[resident.pk, SLUG]) in page


def test_recording_the_concession_check_and_cancelling_from_the_booking_page(
    desk, resident, services
):
    booking, payment = _phone_booking(desk, resident)
    desk.post(reverse("staff:booking-concession", args=[booking.reference]), {"is_right": "yes"})
    desk.post(
        reverse("staff:booking-cancel", args=[booking.reference]), {"reason": "Asked by phone"}
    )
    booking.refresh_from_db()
    assert booking.concession_checked is True
    assert booking.status == Status.CANCELLED
    # The rules gave the refund, so no finance officer is needed: the job issues it.
    assert booking.refund_due_pence == 1000
    assert run_queued_refunds() == [1000]
    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 1000)
    refund = payment.refunds.get()
    assert (refund.amount_pence, refund.requested_by) == (1000, None)
    # A manager of the team that runs bulky waste collections (finance for its bookings).
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[services[SLUG].team])
    desk.force_login(manager)
    page = desk.get(reverse("staff:booking", args=[booking.reference])).content.decode()
    assert "Try the refund" not in page  # nothing is left due
    assert reverse("staff:payment", args=[payment.reference]) in page  # finance sees the payment
    page = desk.get(reverse("staff:payment", args=[payment.reference])).content.decode()
    assert f"Automatic: the rules of booking {booking.reference}" in page


def test_the_room_diary_shows_a_held_room(desk, resident, services):
    from opencex.bookings.services import hold_slot

    slot = Slot.objects.get(resource="barton-main-hall", day="2026-09-08", session="Evening")
    hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-community-centre",
        slot=slot,
        details={},
        email=resident.email,
        idempotency_key="diary",
    )
    page = desk.get(reverse("staff:room-diary"), {"week": "2026-09-08"}).content.decode()
    assert "Main hall, Barton Neighbourhood Centre" in page
    assert escape(resident.full_name) in page
    assert "(paying)" in page


def test_the_collection_list_reads_service_titles_once_however_many_bookings(
    desk, resident, django_assert_max_num_queries
):
    from opencex.bookings.services import hold_slot

    monday = Slot.objects.get(resource="round-east", day="2026-09-07")
    for n in range(6):
        held = hold_slot(
            actor=resident.user,
            resident=resident,
            service=SLUG,
            slot=monday,
            details={"items": {"furniture": 1}},
            email=resident.email,
            idempotency_key=f"many-{n}",
            address=f"{n} Underhill Circus",
            postcode="OX3 9AA",
        )
        Booking.objects.filter(pk=held.pk).update(status=Status.CONFIRMED)
    query = {"day": "2026-09-07", "resource": "round-east"}
    desk.get(reverse("staff:bookings"), query)  # warm the session and the config cache
    with django_assert_max_num_queries(14):
        page = desk.get(reverse("staff:bookings"), query).content.decode()
    assert page.count("Underhill Circus") == 6


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "2026-13-01"])
def test_a_week_out_of_range_shows_this_week_rather_than_failing(desk, week):
    response = desk.get(reverse("staff:room-diary"), {"week": week})
    assert response.status_code == 200
