"""The bookings' side of opencex.payments: the "booking" purpose and its refunds."""

from __future__ import annotations

from opencex.bookings.models import Booking, BookingEvent


def register() -> None:
    try:
        from opencex.payments.purposes import register_purpose
    except ImportError:  # the payments app is not installed: bookings can be held, never paid
        return
    from opencex.bookings.services import PURPOSE, booking_not_paid, booking_paid

    register_purpose(PURPOSE, on_paid=booking_paid, on_not_paid=booking_not_paid)


def payment_of(booking: Booking):
    if not booking.payment_id:
        return None
    from opencex.payments.models import Payment

    return Payment.objects.filter(pk=booking.payment_id).first()


def refund(*, booking: Booking, amount_pence: int, reason: str, actor=None) -> None:
    """Refund `amount_pence` of the booking's payment, once per reason (a retried job or a double
    click does not refund twice)."""
    if amount_pence <= 0:
        return
    what = f"refund: {reason}"[:32]
    if BookingEvent.objects.filter(booking=booking, what=what).exists():
        return
    payment = payment_of(booking)
    if payment is None:
        return
    from opencex.payments.services import refund_payment

    refund_payment(actor=actor, payment=payment, amount_pence=amount_pence, reason=reason)
    BookingEvent.objects.create(booking=booking, what=what, detail=f"{amount_pence} pence")
