"""The bookings' side of opencex.payments: the "booking" purpose and the refunds its rules give.

Every refund a booking's rules give (a cancellation before the cut-off, the cheaper slot of a
move, a room's deposit after its check, a payment that came after its slot filled) is decided by
the rules, not by an officer, so it is issued by the system, whoever acted:
1. `refund` adds it to the booking's `refund_due_pence`, in the transaction of the act that gave
   it (the booking locked), and queues `issue_refund_due_job` with it (`opencex.jobs.enqueue`:
   the job exists only if that act commits);
2. the job takes the whole of `refund_due_pence` under the booking's row lock and commits, then
   asks payments for it (`refund_for_purpose`) with no booking lock held while the provider is
   called; so running the job twice refunds once (the second finds nothing due);
3. a refusal puts the amount back as due and the job tries again later (`task_with_retries`);
   after the last try it stays due on the staff booking page, where a finance officer can have
   it tried once more (`issue_refund_due`, the same code as the job).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opencex.bookings.models import Booking, BookingEvent
from opencex.jobs.queue import enqueue
from opencex.jobs.retries import task_with_retries
from opencex.payments import policies as payment_policies
from opencex.payments.models import Payment, RefundStatus
from opencex.payments.purposes import register_purpose
from opencex.payments.services import refund_for_purpose

logger = logging.getLogger(__name__)
# Five tries over about 45 minutes (30s, 2m, 10m, 30m), then it waits, due, for finance.
ATTEMPTS = 5


class RefundNotIssued(RuntimeError):
    """The provider refused a booking's refund; it is due again and will be tried again."""


def register() -> None:
    from opencex.bookings.services import PURPOSE, booking_not_paid, booking_paid

    register_purpose(PURPOSE, on_paid=booking_paid, on_not_paid=booking_not_paid)


def payment_of(booking: Booking) -> Payment | None:
    if not booking.payment_id:
        return None
    return Payment.objects.filter(pk=booking.payment_id).first()


def refund(*, booking: Booking, amount_pence: int, reason: str, actor=None) -> None:
    """Record `amount_pence` of the booking's payment as due back, and queue the job that issues
    it. Called inside the service's transaction with the booking locked; `actor` is who did the
    act that gave it (none when a payment's arrival did)."""
    if amount_pence <= 0 or payment_of(booking) is None:
        return
    booking.refund_due_pence += amount_pence
    booking.save(update_fields=["refund_due_pence"])
    BookingEvent.objects.create(
        booking=booking,
        what="refund due",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        detail=f"{amount_pence}p: {reason}",
    )
    enqueue(issue_refund_due_job, booking_id=booking.pk)


@task_with_retries(max_attempts=ATTEMPTS, give_up_on=(ValidationError,))
def issue_refund_due_job(booking_id: int, *, attempt: int = 1) -> int:
    """Issue the refund due on a booking; the pence refunded (0 if nothing was due)."""
    return _issue_due(booking_id)


def issue_refund_due(*, actor, booking: Booking) -> Booking:
    """A finance officer has a refund that is still due (the provider refused it every time the
    job tried) tried once more, now. The same code as the job: the amount is the rules'."""
    if not payment_policies.can_refund(actor):
        raise PermissionDenied
    try:
        _issue_due(booking.pk, prompted_by=actor)
    except RefundNotIssued:
        raise ValidationError(
            {"refund": _("The payment provider refused the refund again. It is still due.")}
        ) from None
    booking.refresh_from_db()
    return booking


def _issue_due(booking_id: int, *, prompted_by=None) -> int:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
        payment = payment_of(booking) if booking is not None else None
        if booking is None or payment is None or not booking.refund_due_pence:
            return 0
        amount = booking.refund_due_pence
        # Taken under the lock and committed before the provider is asked: a second run of the
        # job, now or later, finds nothing due, so the money goes back once.
        booking.refund_due_pence = 0
        booking.save(update_fields=["refund_due_pence"])
    try:
        made = refund_for_purpose(
            payment=payment,
            amount_pence=amount,
            reason=f"Booking {booking.reference}",
            because=f"the rules of booking {booking.reference}",
        )
    except ValidationError:
        _due_again(booking_id, amount, "the payment has less left to refund")
        raise
    except Exception:
        _due_again(booking_id, amount, "the refund could not be asked for")
        raise
    if made.status == RefundStatus.ERROR:
        _due_again(booking_id, amount, "the payment provider refused it")
        raise RefundNotIssued(f"The refund of booking {booking.reference} was refused")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        booking.refunded_pence += amount
        booking.save(update_fields=["refunded_pence"])
        BookingEvent.objects.create(
            booking=booking,
            what="refunded",
            actor=prompted_by,
            detail=f"{amount}p to the card paid with",
        )
    return amount


def _due_again(booking_id: int, amount: int, why: str) -> None:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        booking.refund_due_pence += amount
        booking.save(update_fields=["refund_due_pence"])
        BookingEvent.objects.create(
            booking=booking, what="refund not issued", detail=f"{amount}p: {why}"
        )
    logger.warning("Booking %s: refund of %sp not issued (%s)", booking.reference, amount, why)
