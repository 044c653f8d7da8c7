"""The bookings' side of opencex.payments: the "booking" purpose and the refunds its rules give.

Every refund a booking's rules give (a cancellation before the cut-off, the cheaper slot of a
move, a room's deposit after its check, a payment that came after its slot filled) is decided by
the rules, not by an officer, so it is issued by the system, whoever acted:
1. `refund` adds it to the booking's `refund_due_pence`, in the transaction of the act that gave
   it (the booking locked), and queues `issue_refund_due_job` with it (`opencex.jobs.enqueue`:
   the job exists only if that act commits);
2. the job, in one transaction, takes the whole of `refund_due_pence` under the booking's row
   lock AND reserves it as a SUBMITTED refund on the payment (`reserve_refund_for_purpose`), then
   asks the provider (`send_refund`) with no lock held; so running the job twice refunds once (the
   second finds nothing due) and a worker killed in between leaves a refund payments'
   reconciliation reports, never an amount neither due nor refunded;
3. the booking counts it as refunded only when payments records the refund's SUCCESS
   (`refund_settled`, in that transaction); an ERROR, at once or found later by reconciliation,
   puts the amount back as due, and the job tries again later (`task_with_retries`); after the
   last try it stays due on the staff booking page, where a finance officer can have it tried
   once more (`issue_refund_due`, the same code as the job).
A booking's payment is refunded only this way: finance's discretionary refund on the payment
page refuses it and points to the booking's page (`refund_page`), so the booking always knows
what was given back.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from opencex.bookings.models import Booking, BookingEvent
from opencex.jobs.queue import enqueue
from opencex.jobs.retries import task_with_retries
from opencex.payments import policies as payment_policies
from opencex.payments.models import Payment, Refund, RefundStatus
from opencex.payments.purposes import register_purpose
from opencex.payments.services import reserve_refund_for_purpose, send_refund

logger = logging.getLogger(__name__)
# Five tries over about 45 minutes (30s, 2m, 10m, 30m), then it waits, due, for finance.
ATTEMPTS = 5


class RefundNotIssued(RuntimeError):
    """The provider refused a booking's refund; it is due again and will be tried again."""


def register() -> None:
    from opencex.bookings.services import PURPOSE, booking_not_paid, booking_paid

    register_purpose(
        PURPOSE,
        on_paid=booking_paid,
        on_not_paid=booking_not_paid,
        on_refund_settled=refund_settled,
        refund_page=booking_page,
    )


def booking_page(payment: Payment) -> str:
    """Where staff refund a booking's payment: the booking's own page (cancel, move, deposit)."""
    return reverse("staff:booking", args=[payment.purpose_id])


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
    booking = Booking.objects.filter(pk=booking_id).first()
    unlocked_payment = payment_of(booking) if booking is not None else None
    if booking is None or unlocked_payment is None:
        return 0
    amount = 0
    try:
        with transaction.atomic():
            # The payment first, then the booking: the order payments' settlement locks them in.
            Payment.objects.select_for_update().get(pk=unlocked_payment.pk)
            booking = Booking.objects.select_for_update().get(pk=booking_id)
            amount = booking.refund_due_pence
            if not amount:
                return 0
            # Taken and reserved in one transaction: a second run finds nothing due, and a worker
            # killed after this commits leaves a SUBMITTED refund, never a lost amount.
            booking.refund_due_pence = 0
            booking.save(update_fields=["refund_due_pence"])
            reserved = reserve_refund_for_purpose(
                payment=unlocked_payment,
                amount_pence=amount,
                reason=f"Booking {booking.reference}",
                because=f"the rules of booking {booking.reference}",
            )
            BookingEvent.objects.create(
                booking=booking,
                what="refund asked for",
                actor=prompted_by,
                detail=f"{amount}p to the card paid with",
            )
    except ValidationError:
        # Nothing was taken (rolled back): it stays due, and waiting will not cure it.
        _not_issued(booking_id, amount, "the payment has less left to refund")
        raise
    made = send_refund(refund=reserved)
    if made.status == RefundStatus.ERROR:
        raise RefundNotIssued(f"The refund of booking {booking.reference} was refused")
    return amount if made.status == RefundStatus.SUCCESS else 0


def refund_settled(refund: Refund, at_once: bool) -> None:
    """Payments' `on_refund_settled` for a booking's payment, inside the transaction that records
    the refund's final state: a SUCCESS is counted as refunded; an ERROR puts the amount back as
    due. Found later by reconciliation (not `at_once`), the job is queued again: nobody is
    waiting on its answer to retry it."""
    payment = refund.payment
    booking = Booking.objects.select_for_update().filter(reference=payment.purpose_id).first()
    if booking is None:
        logger.error(
            "Refund %s is for booking %s, which does not exist", refund.pk, payment.purpose_id
        )
        return
    if refund.status == RefundStatus.SUCCESS:
        booking.refunded_pence += refund.amount_pence
        booking.save(update_fields=["refunded_pence"])
        BookingEvent.objects.create(
            booking=booking, what="refunded", detail=f"{refund.amount_pence}p to the card paid with"
        )
        return
    booking.refund_due_pence += refund.amount_pence
    booking.save(update_fields=["refund_due_pence"])
    BookingEvent.objects.create(
        booking=booking,
        what="refund not issued",
        detail=f"{refund.amount_pence}p: the payment provider refused it",
    )
    logger.warning("Booking %s: refund of %sp not issued", booking.reference, refund.amount_pence)
    if not at_once:
        enqueue(issue_refund_due_job, booking_id=booking.pk)


def _not_issued(booking_id: int, amount: int, why: str) -> None:
    booking = Booking.objects.get(pk=booking_id)
    BookingEvent.objects.create(
        booking=booking, what="refund not issued", detail=f"{amount}p: {why}"
    )
    logger.warning("Booking %s: refund of %sp not issued (%s)", booking.reference, amount, why)
