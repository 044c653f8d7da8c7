"""What bookings hold about a resident is in their subject access export, and anonymising the
resident blanks it."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from opencex.accounts.models import Role
from opencex.bookings import services
from opencex.bookings.models import Booking, Slot
from opencex.inforights.export import export_everything_about
from opencex.retention.anonymising import anonymise_resident
from tests.bookings.conftest import key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(resident, slots):
    slot = Slot.objects.filter(resource="visit-museum-of-oxford").order_by("starts_at").last()
    return services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="visit-museum-of-oxford",
        slot=slot,
        details={"people": 20},
        email="ann@example.org",
        idempotency_key=key(),
        address="Our school, 1 Long Lane",
        postcode="OX4 1AA",
        concession_benefit="A state-funded school or college",
    )


def test_the_subject_access_export_holds_the_residents_bookings(booking, resident):
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE)
    export = export_everything_about(actor=officer, resident=resident)
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    [name] = [n for n in archive.namelist() if n.endswith("/bookings.json")]
    [held] = json.loads(archive.read(name))
    assert held["reference"] == booking.reference
    assert held["address"] == "Our school, 1 Long Lane"
    assert held["history"][0]["what"] == "held"


def test_anonymising_the_resident_blanks_their_bookings_details(booking, resident):
    anonymise_resident(resident, because="test")
    booking.refresh_from_db()
    assert (booking.email, booking.address, booking.postcode, booking.concession_benefit) == (
        "",
        "",
        "",
        "",
    )
    assert booking.units == 20  # what was booked stays for the figures
    assert not booking.events.exclude(detail="").exists()
    assert Booking.objects.count() == 1
