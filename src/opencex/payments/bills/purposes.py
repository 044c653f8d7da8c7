"""Each payable bill kind is a payment purpose: a successful payment is posted to the bills
system once, by a job after settlement; one that did not succeed holds nothing to release.

The post is never made inside the payment's locked transaction: a slow bills system would hold
the lock, a post followed by a rollback would be posted again, and a bills system that is down
would fail the webhook and the resident's return page. `on_paid` only records the post as due
(`BillPosting`) and queues `post_to_bills_system_job` on commit; the job posts with the payment's
reference as the bills system's idempotency key (so a retry after a lost answer posts once), is
retried with backoff, and after the last try is shown to finance to post by hand."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from opencex.jobs.queue import enqueue
from opencex.jobs.retries import task_with_retries
from opencex.payments.bills.references import payable_bills
from opencex.payments.bills.system import bills_system
from opencex.payments.models import BillPosting, Payment
from opencex.payments.purposes import register_purpose

logger = logging.getLogger(__name__)

# Every kind a profile may name (council.profile.PayableBill.kind): registered whatever the
# profile says, so a payment started before a profile change still settles.
KINDS = ("council_tax", "parking_pcn", "invoice", "business_rates")
# Six tries over about 45 minutes (30s, 2m, 10m, 30m, 2h backoff), then finance posts it by hand.
ATTEMPTS = 6


def post_to_bills_system(payment: Payment) -> None:
    """`on_paid`: inside the payment's transaction, record the post as due and queue its job."""
    BillPosting.objects.get_or_create(payment=payment)
    enqueue(post_to_bills_system_job, payment_id=payment.pk)


@task_with_retries(max_attempts=ATTEMPTS)
def post_to_bills_system_job(payment_id: int, *, attempt: int = 1) -> bool:
    """Post one successful payment to the bills system; True if posted now, False if it already
    was. Any failure is recorded on the posting and raised, so the job is tried again."""
    posting = BillPosting.objects.select_related("payment").get(payment_id=payment_id)
    if posting.posted_at is not None:
        return False
    payment = posting.payment
    try:
        bills_system().record_payment(
            payment.purpose, payment.purpose_id, payment.amount_pence, payment.reference
        )
    except Exception as error:
        BillPosting.objects.filter(pk=posting.pk).update(
            attempts=attempt, last_error=str(error)[:500], gave_up=attempt >= ATTEMPTS
        )
        raise
    with transaction.atomic():
        BillPosting.objects.filter(pk=posting.pk, posted_at__isnull=True).update(
            posted_at=timezone.now(), attempts=attempt, gave_up=False
        )
    return True


def note_not_paid(payment: Payment) -> None:
    logger.info("Bill payment %s for %s ended %s", payment, payment.purpose, payment.status)


def register() -> None:
    for kind in {*KINDS, *(bill.kind for bill in payable_bills())}:
        register_purpose(kind, on_paid=post_to_bills_system, on_not_paid=note_not_paid)
