"""Paying for a held booking through the local test provider: confirmed once paid, released when
not, refused (and its money due back) when the payment comes after the slot filled; cancel and
move give the refunds the rules give."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.bookings import changes, services
from opencex.bookings.models import Booking, Slot, Status
from opencex.bookings.services import BookingProblem
from opencex.notify.models import Notification
from opencex.payments.models import Payment, Refund
from opencex.payments.providers import test_provider
from opencex.payments.services import settle_payment
from tests.bookings.conftest import key, london, run_queued_refunds
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db
THURSDAY_NOON = london(2026, 9, 3, 12)
SUCCEEDS, DECLINED = "4444333322221111", "4000000000000002"


@pytest.fixture(autouse=True)
def clock(settings):
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    settings.OPENCEX_SITE_URL = "http://testserver"
    with time_machine.travel(THURSDAY_NOON, tick=False) as traveller:
        yield traveller


def _slot(day="2026-09-07") -> Slot:
    return Slot.objects.get(resource="round-east", day=day)


def held(resident, slot=None, *, actor=None, channel="web", items=None):
    return services.hold_slot(
        actor=actor or resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=slot or _slot(),
        details={"items": items or {"furniture": 2}},
        email=resident.email,
        idempotency_key=key(),
        address="1 Barton Road, Oxford",
        postcode="OX3 9AA",
        channel=channel,
    )


def pay(booking, card=SUCCEEDS, *, actor=None):
    payment = services.pay_for_booking(
        actor=actor or booking.resident.user, booking=booking, return_url="/book/return/"
    )
    test_provider.pay_with_card(payment.provider_payment_id, card)
    settle_payment(payment=payment)
    booking.refresh_from_db()
    return payment


def test_a_paid_booking_is_confirmed_and_the_resident_emailed(resident, slots):
    booking = held(resident)
    payment = pay(booking)
    assert payment.amount_pence == 4400
    assert booking.status == Status.CONFIRMED
    message = Notification.objects.get(template="booking_confirmed")
    assert booking.reference in message.subject
    assert "Furniture (sofa, bed, mattress, wardrobe, table): 2" in message.body
    assert "calendar.ics" in message.body
    assert _slot().taken == 1


def test_a_declined_payment_gives_the_slot_back(resident, slots):
    booking = held(resident)
    pay(booking, DECLINED)
    assert booking.status == Status.RELEASED
    assert _slot().taken == 0


def test_paying_twice_for_one_booking_is_one_payment(resident, slots):
    booking = held(resident)
    first = services.pay_for_booking(actor=resident.user, booking=booking, return_url="/r/")
    second = services.pay_for_booking(actor=resident.user, booking=booking, return_url="/r/")
    assert first.pk == second.pk


def test_paid_after_the_hold_lapsed_with_room_left_is_still_confirmed(resident, slots, clock):
    booking = held(resident)
    payment = services.pay_for_booking(actor=resident.user, booking=booking, return_url="/r/")
    clock.move_to(THURSDAY_NOON + timedelta(minutes=16))
    services.release_lapsed_hold.call(booking_id=booking.pk)
    test_provider.pay_with_card(payment.provider_payment_id, SUCCEEDS)
    settle_payment(payment=payment)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert _slot().taken == 1


def test_paid_after_the_hold_lapsed_and_the_slot_filled_is_refused_and_refunded(
    resident, slots, clock
):
    Slot.objects.filter(pk=_slot().pk).update(capacity=1)
    late = held(resident)
    payment = services.pay_for_booking(actor=resident.user, booking=late, return_url="/r/")
    clock.move_to(THURSDAY_NOON + timedelta(minutes=16))
    services.release_lapsed_hold.call(booking_id=late.pk)
    other = ResidentFactory(user=UserFactory())
    pay(held(other))  # someone else takes the last collection
    test_provider.pay_with_card(payment.provider_payment_id, SUCCEEDS)
    settle_payment(payment=payment)
    late.refresh_from_db()
    assert late.status == Status.REFUSED
    assert late.refund_due_pence == 4400
    assert _slot().taken == 1
    assert Notification.objects.filter(template="booking_refused", recipient=resident.email)
    # No officer is asked: the job the refusal queued gives it all back.
    assert run_queued_refunds() == [4400]
    refund = Refund.objects.get(payment=payment)
    assert (refund.amount_pence, refund.requested_by, refund.status) == (4400, None, "success")
    late.refresh_from_db()
    assert (late.refund_due_pence, late.refunded_pence) == (0, 4400)


def test_cancelling_before_the_cut_off_refunds_in_full_by_the_job_whoever_cancels(resident, slots):
    booking = held(resident)
    pay(booking)
    changes.cancel_booking(actor=UserFactory(role=Role.CONTACT_CENTRE), booking=booking)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert _slot().taken == 0
    assert not Refund.objects.exists()  # not with the booking locked: after the commit
    assert run_queued_refunds() == [4400]
    assert Refund.objects.get().amount_pence == 4400


def test_a_resident_cancelling_after_the_cut_off_gets_no_refund(resident, slots, clock):
    booking = held(resident)
    pay(booking)
    clock.move_to(london(2026, 9, 4, 17, 30))  # past Friday 5pm, Monday's collection
    changes.cancel_booking(actor=resident.user, booking=booking)
    booking.refresh_from_db()
    assert (booking.status, booking.refund_due_pence, booking.refunded_pence) == (
        Status.CANCELLED,
        0,
        0,
    )
    assert "no refund" in Notification.objects.get(template="booking_cancelled").body


def test_a_resident_cancelling_before_the_cut_off_is_owed_it_all(resident, slots):
    booking = held(resident)
    pay(booking)
    changes.cancel_booking(actor=resident.user, booking=booking)
    booking.refresh_from_db()
    assert booking.refund_due_pence == 4400


def test_a_move_goes_only_to_a_date_with_room_and_keeps_the_price(resident, slots):
    booking = held(resident)
    pay(booking)
    wednesday = _slot("2026-09-09")
    Slot.objects.filter(pk=wednesday.pk).update(taken=wednesday.capacity)
    with pytest.raises(BookingProblem, match="fully booked"):
        changes.move_booking(actor=resident.user, booking=booking, to_slot=wednesday)
    Slot.objects.filter(pk=wednesday.pk).update(taken=0)
    changes.move_booking(actor=resident.user, booking=booking, to_slot=wednesday)
    booking.refresh_from_db()
    assert booking.slot == wednesday
    assert booking.price_pence == 4400
    assert (_slot().taken, _slot("2026-09-09").taken) == (0, 1)


def test_a_room_moved_to_a_cheaper_room_is_owed_the_difference_and_a_dearer_one_refused(
    resident, slots
):
    def session(room, day):
        return Slot.objects.get(resource=room, day=day, session="Morning")

    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-community-centre",
        slot=session("barton-meeting-room", "2026-09-15"),
        details={},
        email=resident.email,
        idempotency_key=key(),
    )
    pay(booking)
    assert booking.total_pence == 4 * 1500 + 5000
    with pytest.raises(BookingProblem, match="Cancel this booking and book again"):
        changes.move_booking(
            actor=resident.user, booking=booking, to_slot=session("barton-main-hall", "2026-09-16")
        )
    changes.move_booking(
        actor=resident.user, booking=booking, to_slot=session("barton-meeting-room", "2026-09-16")
    )
    booking.refresh_from_db()
    assert booking.refund_due_pence == 0
    assert booking.slot.day.isoformat() == "2026-09-16"


def test_a_room_moved_from_the_hall_to_the_meeting_room_refunds_price_and_deposit_difference(
    resident, slots
):
    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-community-centre",
        slot=Slot.objects.get(resource="barton-main-hall", day="2026-09-15", session="Morning"),
        details={},
        email=resident.email,
        idempotency_key=key(),
    )
    pay(booking)
    cheaper = Slot.objects.get(resource="barton-meeting-room", day="2026-09-15", session="Morning")
    changes.move_booking(actor=resident.user, booking=booking, to_slot=cheaper)
    assert run_queued_refunds() == [13000]
    booking.refresh_from_db()
    assert booking.refunded_pence == (14000 + 10000) - (6000 + 5000)
    assert Refund.objects.get().amount_pence == 13000


def test_someone_elses_booking_cannot_be_cancelled_or_paid(resident, slots):
    from django.core.exceptions import PermissionDenied

    booking = held(resident)
    stranger = UserFactory(role=Role.RESIDENT)
    with pytest.raises(PermissionDenied):
        services.pay_for_booking(actor=stranger, booking=booking, return_url="/r/")
    pay(booking)
    with pytest.raises(PermissionDenied):
        changes.cancel_booking(actor=stranger, booking=booking)


def test_an_officer_books_by_phone_card_holder_not_present_logged_as_assisted(
    resident, slots, officer
):
    from opencex.contacts.models import Contact

    booking = held(resident, actor=officer, channel="phone")
    payment = pay(booking, actor=officer)
    assert payment.card_holder_present is False
    assert payment.channel == "phone"
    assert booking.status == Status.CONFIRMED
    assert booking.taken_by == officer
    contact = Contact.objects.get(resident=resident)
    assert contact.channel == "phone"
    assert contact.officer == officer


def test_no_booking_is_confirmed_without_a_payment(resident, slots):
    held(resident)
    assert not Booking.objects.filter(status=Status.CONFIRMED).exists()


def test_a_state_school_visit_is_free_and_confirmed_without_a_payment(resident, slots):
    visit_slot = Slot.objects.filter(resource="visit-museum-of-oxford", day="2026-09-15").first()

    def visit(concession):
        return services.hold_slot(
            actor=resident.user,
            resident=resident,
            service="visit-museum-of-oxford",
            slot=visit_slot,
            details={"people": 30},
            email=resident.email,
            idempotency_key=key(),
            concession_benefit=concession,
        )

    with pytest.raises(BookingProblem, match="from the list"):
        visit("Universal Credit")  # a benefit, not one of the visit's concessions
    booking = visit("A state-funded school or college")
    assert booking.total_pence == 0
    assert services.pay_for_booking(actor=resident.user, booking=booking, return_url="/") is None
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert not Payment.objects.exists()
    assert Slot.objects.get(pk=visit_slot.pk).taken == 30
