"""Holding a slot while the resident pays: capacity, double submits, lapsed holds, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from opencex.bookings import services
from opencex.bookings.models import Booking, Slot, Status
from opencex.bookings.services import BookingProblem, hold_slot
from tests.bookings.conftest import key, london
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db
THURSDAY_NOON = london(2026, 9, 3, 12)


def _east_slot() -> Slot:
    return Slot.objects.get(resource="round-east", day="2026-09-07")


def hold(
    resident, slot, *, actor=None, idempotency_key=None, items=None, postcode="OX3 9AA", **extra
):
    return hold_slot(
        actor=actor or resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=slot,
        details={"items": items or {"furniture": 1}},
        email=resident.email,
        idempotency_key=idempotency_key or key(),
        address="1 Barton Road, Oxford",
        postcode=postcode,
        **extra,
    )


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(THURSDAY_NOON, tick=False) as traveller:
        yield traveller


def test_a_hold_takes_one_collection_from_the_round_day_and_is_priced(resident, slots):
    booking = hold(resident, _east_slot(), items={"furniture": 2, "large-electrical": 1})
    assert booking.status == Status.HELD
    assert booking.price_pence == 2 * 2200 + 3300
    assert booking.hold_expires_at == THURSDAY_NOON + timedelta(minutes=15)
    assert _east_slot().taken == 1


def test_a_double_submit_holds_once(resident, slots):
    first = hold(resident, _east_slot(), idempotency_key="form-token-1")
    second = hold(resident, _east_slot(), idempotency_key="form-token-1")
    assert first.pk == second.pk
    assert _east_slot().taken == 1


def test_the_last_collection_of_a_day_cannot_be_held_twice(resident, slots):
    Slot.objects.filter(pk=_east_slot().pk).update(capacity=1)
    hold(resident, _east_slot())
    with pytest.raises(BookingProblem, match="just been fully booked"):
        hold(
            ResidentFactory(user=UserFactory()),
            _east_slot(),
            actor=UserFactory(role="contact_centre"),
        )
    assert Booking.objects.count() == 1


def test_a_postcode_outside_the_rounds_or_another_rounds_day_is_refused(resident, slots):
    with pytest.raises(BookingProblem, match="do not collect"):
        hold(resident, _east_slot(), postcode="SW1A 1AA")
    north = Slot.objects.get(resource="round-north", day="2026-09-08")
    with pytest.raises(BookingProblem, match="area's collection round"):
        hold(resident, north)


def test_a_slot_past_its_cut_off_is_refused(resident, slots, clock):
    slot = _east_slot()
    clock.move_to(london(2026, 9, 4, 17, 0))  # Friday 5pm: Monday's cut-off
    with pytest.raises(BookingProblem, match="can no longer be booked"):
        hold(resident, slot)


def test_a_resident_cannot_book_for_someone_else(resident, slots):
    stranger = ResidentFactory(user=UserFactory())
    with pytest.raises(PermissionDenied):
        hold(stranger, _east_slot(), actor=resident.user)


def test_only_an_officer_takes_a_phone_booking(resident, slots, officer):
    with pytest.raises(PermissionDenied):
        hold(resident, _east_slot(), channel="phone")
    booking = hold(resident, _east_slot(), actor=officer, channel="phone")
    assert booking.taken_by == officer


def test_a_lapsed_hold_is_given_back_by_its_job_and_not_before(resident, slots, clock):
    booking = hold(resident, _east_slot())
    assert services.release_lapsed_hold.call(booking_id=booking.pk) == 0
    clock.move_to(THURSDAY_NOON + timedelta(minutes=15))
    assert services.release_lapsed_hold.call(booking_id=booking.pk) == 1
    booking.refresh_from_db()
    assert booking.status == Status.RELEASED
    assert _east_slot().taken == 0
    assert services.release_lapsed_hold.call(booking_id=booking.pk) == 0  # once only


def test_each_hold_queues_its_release_for_its_expiry(resident, slots):
    from django_tasks_db.models import DBTaskResult

    booking = hold(resident, _east_slot())
    job = DBTaskResult.objects.get(task_path="opencex.bookings.services.release_lapsed_hold")
    assert job.run_after == booking.hold_expires_at
    assert job.args_kwargs["kwargs"] == {"booking_id": booking.pk}


def test_the_daily_sweep_gives_back_holds_the_worker_missed(resident, slots, clock):
    hold(resident, _east_slot())
    hold(resident, _east_slot())
    clock.move_to(THURSDAY_NOON + timedelta(hours=1))
    assert services.release_lapsed_holds() == 2
    assert _east_slot().taken == 0
