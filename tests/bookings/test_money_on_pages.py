"""Money on the booking pages: amounts typed by an officer are read by payments' one parser (a
nonsense amount is an error on the page, never a crash), and a free booking is never told that
it is too late for a refund."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.bookings import changes, services
from opencex.bookings.models import Booking, Slot, Status
from opencex.notify.models import Notification
from tests.bookings.conftest import key, london
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(settings):
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    with time_machine.travel(london(2026, 9, 3, 12), tick=False) as traveller:
        yield traveller


def _free_visit(resident) -> Booking:
    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="visit-museum-of-oxford",
        slot=Slot.objects.filter(resource="visit-museum-of-oxford", day="2026-09-15").first(),
        details={"people": 30},
        email=resident.email,
        idempotency_key=key(),
        concession_benefit="A state-funded school or college",
    )
    services.pay_for_booking(actor=resident.user, booking=booking, return_url="/")
    booking.refresh_from_db()
    assert (booking.status, booking.total_pence) == (Status.CONFIRMED, 0)
    return booking


def test_a_free_booking_is_not_told_it_is_too_late_for_a_refund(client, resident, slots):
    booking = _free_visit(resident)
    client.force_login(resident.user)
    page = client.get(reverse("web:booking-cancel", args=[booking.reference])).content.decode()
    assert "after the cut-off" not in page
    assert "nothing to refund" in page
    changes.cancel_booking(actor=resident.user, booking=booking)
    email = Notification.objects.get(template="booking_cancelled")
    assert "after the cut-off" not in email.body
    assert "nothing to refund" in email.body


def _hired_room(resident) -> Booking:
    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-community-centre",
        slot=Slot.objects.get(resource="barton-meeting-room", day="2026-09-08", session="Morning"),
        details={},
        email=resident.email,
        idempotency_key=key(),
    )
    Booking.objects.filter(pk=booking.pk).update(status=Status.CONFIRMED)
    booking.refresh_from_db()
    return booking


@pytest.mark.parametrize("kept", ["inf", "nan", "1e400", "12.345", "ten pounds"])
def test_a_nonsense_amount_kept_from_a_deposit_is_an_error_on_the_page(
    client, resident, slots, clock, kept
):
    booking = _hired_room(resident)
    clock.move_to(london(2026, 9, 9, 12))  # after the hire
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    page = client.post(
        reverse("staff:booking-deposit", args=[booking.reference]), {"kept": kept, "reason": "x"}
    )
    assert page.status_code == 400
    assert "Enter an amount in pounds and pence" in page.content.decode()
    booking.refresh_from_db()
    assert not booking.deposit_returned


def test_an_amount_kept_in_pounds_and_pence_is_kept_to_the_penny(client, resident, slots, clock):
    booking = _hired_room(resident)
    clock.move_to(london(2026, 9, 9, 12))
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    client.post(
        reverse("staff:booking-deposit", args=[booking.reference]),
        {"kept": "£12.50", "reason": "Extra cleaning"},
    )
    booking.refresh_from_db()
    assert booking.deposit_returned
    assert booking.events.get(what="deposit returned").detail.startswith(
        f"£{(booking.deposit_pence - 1250) / 100:,.2f} returned"
    )
