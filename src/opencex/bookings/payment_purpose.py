"""The bookings' side of opencex.payments: the "booking" purpose and its refunds.

A refund goes through `payments.services.refund_payment`, which only a finance officer (a team
manager or administrator) may ask for: it is recorded against their account. So a refund the
rules give is issued at once when the officer acting may refund, and otherwise waits as
`refund_due_pence` on the booking until a finance officer issues it from the staff "Refunds due"
page (`issue_refund_due`). The resident is told the amount either way.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from opencex.bookings.models import Booking, BookingEvent
from opencex.payments import policies as payment_policies
from opencex.payments.models import Payment
from opencex.payments.purposes import register_purpose
from opencex.payments.services import refund_payment


def register() -> None:
    from opencex.bookings.services import PURPOSE, booking_not_paid, booking_paid

    register_purpose(PURPOSE, on_paid=booking_paid, on_not_paid=booking_not_paid)


def payment_of(booking: Booking) -> Payment | None:
    if not booking.payment_id:
        return None
    return Payment.objects.filter(pk=booking.payment_id).first()


def refund(*, booking: Booking, amount_pence: int, reason: str, actor=None) -> None:
    """Give back `amount_pence` of the booking's payment, now if `actor` may refund, else mark it
    due. Called inside the service's transaction with the booking locked."""
    if amount_pence <= 0 or payment_of(booking) is None:
        return
    booking.refund_due_pence += amount_pence
    booking.save(update_fields=["refund_due_pence"])
    BookingEvent.objects.create(
        booking=booking, what="refund due", detail=f"{amount_pence}p: {reason}"
    )
    if payment_policies.can_refund(actor):
        _issue(booking, actor, reason)


def _issue(booking: Booking, actor, reason: str) -> None:
    amount = booking.refund_due_pence
    payment = payment_of(booking)
    if payment is None:
        return
    refund_payment(actor=actor, payment=payment, amount_pence=amount, reason=reason)
    booking.refunded_pence += amount
    booking.refund_due_pence = 0
    booking.save(update_fields=["refunded_pence", "refund_due_pence"])
    BookingEvent.objects.create(
        booking=booking, what="refunded", actor=actor, detail=f"{amount}p: {reason}"
    )


@transaction.atomic
def issue_refund_due(*, actor, booking: Booking) -> Booking:
    """A finance officer issues the refund the rules gave on this booking."""
    if not payment_policies.can_refund(actor):
        raise PermissionDenied
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.refund_due_pence:
        _issue(booking, actor, f"Booking {booking.reference}")
    return booking
