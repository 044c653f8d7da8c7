"""The calendar file (RFC 5545), parsed by hand: icalendar is not among our dependencies."""

from __future__ import annotations

import pytest
import time_machine

from opencex.bookings import changes, services
from opencex.bookings.calendar_file import calendar_file
from opencex.bookings.models import Slot
from tests.bookings.conftest import key, london

pytestmark = pytest.mark.django_db


def _unfolded(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75, line
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def _properties(lines: list[str]) -> dict[str, str]:
    return dict(line.split(":", 1) for line in lines)


@pytest.fixture
def booking(resident, slots, settings):
    settings.OPENCEX_SITE_URL = "https://www.oxford.example"
    slot = Slot.objects.get(resource="round-east", day="2026-09-07")
    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=slot,
        details={"items": {"furniture": 2, "large-electrical": 1}},
        email=resident.email,
        idempotency_key=key(),
        address="14 Underhill Circus; Barton, Oxford",
        postcode="OX3 9AA",
    )
    return booking


@pytest.fixture(autouse=True)
def _thursday():
    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        yield


def test_the_event_has_a_stable_uid_a_utc_stamp_and_the_collection_times_in_utc(booking):
    lines = _unfolded(calendar_file(booking))
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    event = _properties(lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("END:VEVENT")])
    assert event["UID"] == f"{booking.reference.lower()}@www.oxford.example"
    assert event["DTSTAMP"] == "20260903T110000Z"  # noon in London in summer time
    assert event["DTSTART"] == "20260907T060000Z"  # 07:00 BST
    assert event["DTEND"] == "20260907T140000Z"
    assert event["SEQUENCE"] == "0"
    assert event["LOCATION"] == "14 Underhill Circus\\; Barton\\, Oxford"
    assert booking.reference in event["DESCRIPTION"]
    assert _properties(lines)["VERSION"] == "2.0"
    assert "PRODID" in _properties(lines)


def test_a_moved_booking_keeps_its_uid_with_the_next_sequence(booking):
    from opencex.bookings.models import Booking, Status

    Booking.objects.filter(pk=booking.pk).update(status=Status.CONFIRMED)
    uid = _properties(_unfolded(calendar_file(booking)))["UID"]
    wednesday = Slot.objects.get(resource="round-east", day="2026-09-09")
    moved = changes.move_booking(actor=booking.resident.user, booking=booking, to_slot=wednesday)
    event = _properties(_unfolded(calendar_file(moved)))
    assert (event["UID"], event["SEQUENCE"], event["DTSTART"]) == (uid, "1", "20260909T060000Z")


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character(booking):
    booking.address = "Flat 3, " + "Ćwierć " * 30
    text = calendar_file(booking)
    location = _properties(_unfolded(text))["LOCATION"]
    assert location.startswith("Flat 3\\, Ćwierć")
    assert location.count("Ćwierć") == 30
