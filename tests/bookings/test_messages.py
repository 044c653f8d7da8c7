"""Each booking message names the booking, its reference, its date, and the way to change it."""

from __future__ import annotations

import pytest
import time_machine

from opencex.bookings import messages, services
from opencex.bookings.models import Slot
from tests.bookings.conftest import key, london

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _thursday():
    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        yield


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("booking_confirmed", "with a full refund, until 5pm, Friday 4 September"),
        ("booking_cancelled", "There is no refund"),
        ("booking_moved", "Update your calendar"),
        ("booking_refused", "we are refunding everything you paid"),
    ],
)
def test_each_booking_message_names_the_booking_and_what_to_do(
    resident, slots, settings, template, words
):
    settings.OPENCEX_SITE_URL = "https://www.oxford.example"
    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=Slot.objects.get(resource="round-east", day="2026-09-07"),
        details={"items": {"furniture": 1}},
        email=resident.email,
        idempotency_key=key(),
        address="14 Underhill Circus",
        postcode="OX3 9AA",
    )
    message = messages.tell_resident(booking=booking, template=template)
    assert booking.reference in message.subject
    assert "Monday 7 September 2026" in message.body
    assert words in message.body
    assert message.recipient == resident.email
    assert message.resident == resident
