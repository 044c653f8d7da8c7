"""Changing a confirmed booking: cancel (with the refund the rules give), move to another slot
with room, return a room's deposit after an officer's check, record a concession check. Each
is one door, used by the resident's pages and the staff pages alike."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.bookings import capacity, messages, policies, timing
from opencex.bookings.config import bookings_config
from opencex.bookings.models import Booking, Slot, Status
from opencex.bookings.payment_purpose import refund
from opencex.bookings.pricing import PriceProblem
from opencex.bookings.services import BookingProblem, check_slot_offered, price_of, record
from opencex.payments.money import pounds


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("resident", "slot").get(pk=booking.pk)


def refund_if_cancelled_now(booking: Booking, now=None) -> int:
    bookable = bookings_config().bookable_of(booking.service)
    return timing.refund_on_cancelling(
        bookable,
        price_pence=booking.price_pence,
        deposit_pence=0 if booking.deposit_returned else booking.deposit_pence,
        starts_at=booking.slot.starts_at,
        now=now or timezone.now(),
    )


@transaction.atomic
def cancel_booking(*, actor, booking: Booking, reason: str = "") -> Booking:
    """Cancel a confirmed booking before it starts: the slot is given back, and the refund the
    service's rules give (all before the cut-off, the rule's share after; a deposit in full)."""
    booking = _locked(booking)
    if not policies.can_change_booking(actor, booking):
        raise PermissionDenied
    if "cancel" not in policies.available_actions(actor, booking):
        if booking.status != Status.CONFIRMED:
            raise BookingProblem("booking", _("Only a confirmed booking can be cancelled"))
        raise BookingProblem("booking", _("This booking has started, so it cannot be cancelled"))
    amount = refund_if_cancelled_now(booking)
    capacity.give_back(booking.slot_id, booking.units)
    booking.status = Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    record(booking, "cancelled", actor=actor, detail=reason or f"Refund £{pounds(amount)}")
    refund(booking=booking, amount_pence=amount, reason="Cancelled", actor=actor)
    messages.tell_resident(
        booking=booking,
        template="booking_cancelled",
        actor=actor,
        refund="£" + pounds(amount) if amount else "",
        nothing_paid=booking.total_pence == 0,
    )
    return booking


@transaction.atomic
def move_booking(*, actor, booking: Booking, to_slot: Slot) -> Booking:
    """Move a confirmed booking, before its cut-off, to another slot of the same service with
    room. The rules say what a price difference does: a cheaper slot refunds the difference, a
    dearer one (or, for `same_price_only`, any other price) is refused: cancel and book again."""
    booking = _locked(booking)
    if not policies.can_change_booking(actor, booking):
        raise PermissionDenied
    bookable = bookings_config().bookable_of(booking.service)
    if "move" not in policies.available_actions(actor, booking):
        if booking.status != Status.CONFIRMED:
            raise BookingProblem("booking", _("Only a confirmed booking can be moved"))
        if not bookable.rules.moves:
            raise BookingProblem("slot", _("This booking cannot be moved. You can cancel it"))
        raise BookingProblem("slot", _("It is too late to move this booking"))
    if to_slot.pk == booking.slot_id:
        raise BookingProblem("slot", _("Choose a different date from the one booked"))
    check_slot_offered(bookable, to_slot, postcode=booking.postcode)
    try:
        price = price_of(
            bookable, to_slot, booking.details, concession=bool(booking.concession_benefit)
        )
    except PriceProblem as problem:
        raise BookingProblem(problem.field, problem.message) from None
    # A room's deposit moves with it: the whole of what was paid is compared.
    difference = booking.total_pence - price.total_pence
    rule = bookable.rules.price_difference_on_move
    if (difference and rule == "same_price_only") or difference < 0:
        raise BookingProblem(
            "slot",
            _("That costs %(price)s, not %(booked)s. Cancel this booking and book again")
            % {
                "price": "£" + pounds(price.total_pence),
                "booked": "£" + pounds(booking.total_pence),
            },
        )
    if not capacity.take(to_slot.pk, booking.units):
        raise BookingProblem(
            "slot", _("Sorry, that date has just been fully booked. Choose another date")
        )
    capacity.give_back(booking.slot_id, booking.units)
    was = booking.slot
    booking.slot = to_slot
    booking.price_pence = price.price_pence
    booking.deposit_pence = price.deposit_pence
    booking.save(update_fields=["slot", "price_pence", "deposit_pence"])
    record(booking, "moved", actor=actor, detail=f"From {was.starts_at:%Y-%m-%d %H:%M}")
    refund(booking=booking, amount_pence=difference, reason=f"Moved {to_slot.pk}", actor=actor)
    messages.tell_resident(
        booking=booking,
        template="booking_moved",
        actor=actor,
        refund="£" + pounds(difference) if difference else "",
    )
    return booking


@transaction.atomic
def return_deposit(*, actor, booking: Booking, kept_pence: int = 0, reason: str = "") -> Booking:
    """After the hire, an officer checks the room and returns the deposit, keeping `kept_pence`
    (with a reason) for damage or extra cleaning."""
    booking = _locked(booking)
    if not policies.can_manage_booking(actor, booking):
        raise PermissionDenied
    if "return-deposit" not in policies.available_actions(actor, booking):
        if (
            booking.status != Status.CONFIRMED
            or not booking.deposit_pence
            or booking.deposit_returned
        ):
            raise BookingProblem("booking", _("This booking has no deposit to return"))
        raise BookingProblem(
            "booking", _("Return the deposit after the hire, once the room is checked")
        )
    if not 0 <= kept_pence <= booking.deposit_pence:
        raise BookingProblem("kept", _("Keep between £0 and the deposit"))
    if kept_pence and not reason.strip():
        raise BookingProblem("reason", _("Say why part of the deposit is kept"))
    amount = booking.deposit_pence - kept_pence
    booking.deposit_returned = True
    booking.save(update_fields=["deposit_returned"])
    record(booking, "deposit returned", actor=actor, detail=f"£{pounds(amount)} returned. {reason}")
    refund(booking=booking, amount_pence=amount, reason="Deposit", actor=actor)
    return booking


@transaction.atomic
def record_concession_check(*, actor, booking: Booking, is_right: bool, note: str = "") -> Booking:
    """An officer checked the benefit the resident named against the council's records."""
    booking = _locked(booking)
    if not policies.can_manage_booking(actor, booking):
        raise PermissionDenied
    if not booking.concession_benefit:
        raise BookingProblem("booking", _("This booking is not at a concession price"))
    booking.concession_checked = is_right
    booking.save(update_fields=["concession_checked"])
    record(
        booking,
        "concession checked",
        actor=actor,
        detail=("Confirmed. " if is_right else "Not found. ") + note,
    )
    return booking
