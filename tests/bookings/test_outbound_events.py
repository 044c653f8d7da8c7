"""A back office hears of a booking confirmed, moved and cancelled through the one outbound events
door (opencex.events), with the work to do and without the resident's name or email."""

from __future__ import annotations

import pytest

from opencex.bookings import changes
from opencex.events.models import Event
from tests.bookings.test_paying import _slot, clock, held, pay  # noqa: F401  (clock: pinned day)

pytestmark = pytest.mark.django_db


def _booking_events(booking):
    return list(
        Event.objects.filter(subject_type="booking", subject_id=booking.reference).order_by("id")
    )


def test_a_paid_booking_publishes_confirmed_once_with_the_slot_and_items(resident, slots):
    booking = held(resident)
    assert _booking_events(booking) == []  # a hold is not work for the crew yet
    pay(booking)
    [event] = _booking_events(booking)
    assert event.topic == "booking.confirmed"
    data = event.data["booking"]
    assert data["details"] == {"items": {"furniture": 2}}
    assert data["postcode"] == "OX3 9AA"
    assert data["slot"]["id"] == _slot().pk
    assert resident.email not in str(event.data)
    assert resident.full_name not in str(event.data)


def test_a_move_then_a_cancellation_are_published_in_order(resident, slots):
    booking = held(resident)
    pay(booking)
    changes.move_booking(actor=resident.user, booking=booking, to_slot=_slot("2026-09-09"))
    changes.cancel_booking(actor=resident.user, booking=booking)
    topics = [e.topic for e in _booking_events(booking)]
    assert topics == ["booking.confirmed", "booking.moved", "booking.cancelled"]
    moved = _booking_events(booking)[1]
    assert moved.data["booking"]["slot"]["id"] == _slot("2026-09-09").pk


def test_a_room_hire_sends_no_address_and_no_details_beyond_what_was_priced(resident, slots):
    from opencex.bookings import services
    from opencex.bookings.models import Slot
    from tests.bookings.conftest import key

    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-community-centre",
        slot=Slot.objects.get(resource="barton-meeting-room", day="2026-09-15", session="Morning"),
        details={"contact_phone": "07700 900123"},
        email=resident.email,
        idempotency_key=key(),
        address="1 Barton Road, Oxford",
        postcode="OX3 9AA",
    )
    pay(booking)
    [event] = _booking_events(booking)
    data = event.data["booking"]
    assert (data["address"], data["postcode"], data["details"]) == ("", "", {})
    assert "07700" not in str(event.data)
    assert "Barton Road" not in str(event.data)


def test_a_collection_sends_where_to_collect_and_nothing_personal_beyond_it(resident, slots):
    booking = held(resident)
    pay(booking)
    [event] = _booking_events(booking)
    data = event.data["booking"]
    assert (data["address"], data["postcode"]) == ("1 Barton Road, Oxford", "OX3 9AA")
    for personal in (resident.full_name, resident.email, resident.phone or "none", "where_left"):
        assert personal not in str(event.data)
