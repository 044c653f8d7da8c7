"""The demo's bookings: made once for the demo resident, paid through the test provider, and
made again by a reset."""

from __future__ import annotations

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.bookings.demo import load_demo_bookings
from opencex.bookings.models import Booking, Slot, Status
from opencex.people.models import Occupancy
from tests.bookings.conftest import london
from tests.factories import PropertyFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_resident(services, settings):
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    user = UserFactory(role=Role.RESIDENT, email="resident@demo.example")
    resident = ResidentFactory(user=user, email=user.email)
    home = PropertyFactory(address_line_1="Flat 12, Evenlode Tower", postcode="OX4 6HP")
    Occupancy.objects.create(resident=resident, property=home, relationship="tenant")
    return resident


@time_machine.travel(london(2026, 9, 3, 12), tick=False)
def test_the_demo_books_a_collection_a_room_and_a_visit_once_and_again_on_reset(demo_resident):
    load_demo_bookings(resident_email=demo_resident.email)
    load_demo_bookings(resident_email=demo_resident.email)
    bookings = Booking.objects.filter(resident=demo_resident)
    assert sorted(b.service for b in bookings) == [
        "book-bulky-waste-collection",
        "book-community-centre",
        "visit-museum-of-oxford",
    ]
    assert {b.status for b in bookings} == {Status.CONFIRMED}
    collection = bookings.get(service="book-bulky-waste-collection")
    assert collection.slot.resource == "round-south"  # OX4 is on the south round
    first = set(bookings.values_list("reference", flat=True))

    load_demo_bookings(resident_email=demo_resident.email, reset=True)
    again = set(Booking.objects.values_list("reference", flat=True))
    assert len(again) == 3
    assert again.isdisjoint(first)
    assert sum(Slot.objects.values_list("taken", flat=True)) == 1 + 1 + 12


@time_machine.travel(london(2026, 9, 3, 12), tick=True)
def test_opencex_demo_books_for_the_demo_resident(settings):
    import io

    from django.core.management import call_command

    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    out = io.StringIO()
    call_command("demo", "--size", "small", stdout=out)
    assert "3 demo bookings made" in out.getvalue()
    assert set(Booking.objects.values_list("resident__user__role", flat=True)) == {Role.RESIDENT}
    assert set(Booking.objects.values_list("status", flat=True)) == {Status.CONFIRMED}
    call_command("demo", "--size", "small", stdout=io.StringIO())
    assert Booking.objects.count() == 3
