"""Two residents paying for the last place at the same moment, on PostgreSQL's row locks.

Each resident runs in their own thread with their own database connection, released together by
a barrier, as two web requests would be. SQLite serialises every write, so it proves nothing here.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections

from opencex.bookings import services
from opencex.bookings.models import Booking, Slot, Status
from opencex.bookings.services import BookingProblem
from opencex.payments.models import Payment
from opencex.payments.providers import test_provider
from opencex.payments.services import settle_payment
from tests.bookings.conftest import key, london, run_queued_refunds
from tests.factories import ResidentFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]
THURSDAY_NOON = london(2026, 9, 3, 12)
RESIDENTS = 6


def _in_threads(work, arguments):
    barrier = threading.Barrier(len(arguments))
    results: list = [None] * len(arguments)

    def run(index, argument):
        try:
            barrier.wait()
            results[index] = work(argument)
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _hold(resident, slot):
    return services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=slot,
        details={"items": {"furniture": 1}},
        email=resident.email,
        idempotency_key=key(),
        address="1 Barton Road",
        postcode="OX3 9AA",
    )


@pytest.fixture
def last_place(services, settings):
    from opencex.bookings.slots import open_slots

    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    settings.OPENCEX_SITE_URL = "http://testserver"
    with time_machine.travel(THURSDAY_NOON, tick=True):
        open_slots()
        slot = Slot.objects.get(resource="round-east", day="2026-09-07")
        Slot.objects.filter(pk=slot.pk).update(capacity=1)
        yield slot


def test_residents_holding_the_last_place_at_once_get_it_exactly_once(last_place):
    residents = [ResidentFactory(user=UserFactory()) for _ in range(RESIDENTS)]
    results = _in_threads(lambda resident: _hold(resident, last_place), residents)
    held = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, BookingProblem)]
    assert (len(held), len(refused)) == (1, RESIDENTS - 1), results
    assert Slot.objects.get(pk=last_place.pk).taken == 1


def test_two_payments_for_the_last_place_arriving_together_confirm_one_and_refund_the_other(
    last_place,
):
    # Both held in turn (the first hold lapsed before the second was taken), both then paid.
    first, second = (ResidentFactory(user=UserFactory()) for _ in range(2))
    bookings = []
    payments = []
    for resident in (first, second):
        booking = _hold(resident, last_place)
        payments.append(
            services.pay_for_booking(actor=resident.user, booking=booking, return_url="/r/")
        )
        Booking.objects.filter(pk=booking.pk).update(
            hold_expires_at=booking.hold_expires_at - timedelta(hours=1)
        )
        services.release_lapsed_hold.call(booking_id=booking.pk)
        bookings.append(booking)
    for payment in payments:
        test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")

    _in_threads(lambda payment: settle_payment(payment=payment), payments)

    statuses = sorted(Booking.objects.values_list("status", flat=True))
    assert statuses == sorted([Status.CONFIRMED, Status.REFUSED])
    refused = Booking.objects.get(status=Status.REFUSED)
    assert refused.refund_due_pence == refused.total_pence
    assert Slot.objects.get(pk=last_place.pk).taken == 1
    # The refused one's money goes back by the job its refusal queued; the other keeps its own.
    assert run_queued_refunds() == [refused.total_pence]
    refunded = dict(Payment.objects.values_list("purpose_id", "refunded_pence"))
    confirmed = Booking.objects.get(status=Status.CONFIRMED)
    assert refunded == {refused.reference: refused.total_pence, confirmed.reference: 0}
