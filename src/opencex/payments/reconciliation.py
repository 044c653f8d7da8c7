"""Reconciliation: payments and refunds left unfinished (the resident closed the tab, a webhook
was lost, the provider was down) are settled by asking their provider. Each run is recorded, and
a self-requeueing task runs it every few minutes, all day (`opencex reconcile_payments
--every-day` starts it once after deploying)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from opencex.jobs import daily
from opencex.jobs.queue import enqueue
from opencex.payments.models import (
    FINAL_STATUSES,
    Payment,
    ReconciliationRun,
    Refund,
    RefundStatus,
)
from opencex.payments.providers.base import ProviderError
from opencex.payments.services import settle_payment, settle_refund, unsent_refunds

logger = logging.getLogger(__name__)
EVERY = timedelta(minutes=15)
# A refund reserved this long ago with no answer from the provider was never sent, or its answer
# was lost: reported for finance to check with the provider, never sent again by itself.
UNSENT_REFUND_AFTER = timedelta(minutes=5)


def settle_after() -> timedelta:
    """How long a payment may be unfinished before reconciliation asks about it: long enough
    that the return page and the webhook normally get there first."""
    return timedelta(minutes=settings.OPENCEX_PAYMENT_RECONCILE_AFTER_MINUTES)


def reconcile_payments(*, now: datetime | None = None) -> ReconciliationRun:
    now = now or timezone.now()
    cutoff = now - settle_after()
    run = ReconciliationRun.objects.create()
    problems: list[str] = []
    unfinished = Payment.objects.exclude(status__in=FINAL_STATUSES).filter(created_at__lt=cutoff)
    for payment in unfinished.order_by("created_at").iterator():
        run.looked_at += 1
        try:
            payment = settle_payment(payment=payment)
        except Exception as error:
            # The provider could not answer, or the purpose's hook failed (its transaction
            # rolled back): the payment stays open for the next run; the others go on.
            if not isinstance(error, ProviderError):
                logger.exception("Settling %s failed", payment.reference)
            problems.append(f"{payment.reference}: {error}")
            run.still_open += 1
            continue
        if payment.is_final:
            run.settled += 1
        else:
            run.still_open += 1
    submitted = Refund.objects.filter(status=RefundStatus.SUBMITTED, created_at__lt=cutoff)
    for refund in submitted.exclude(provider_refund_id=""):
        run.refunds_checked += 1
        try:
            settle_refund(refund=refund)
        except Exception as error:
            # As for payments: one refund the provider (or a purpose's hook) fails on must not
            # stop the run; it stays submitted for the next.
            if not isinstance(error, ProviderError):
                logger.exception("Settling refund %s failed", refund.pk)
            problems.append(f"refund {refund.pk}: {error}")
    for refund in unsent_refunds(older_than=UNSENT_REFUND_AFTER):
        # GOV.UK Pay's refunds take no idempotency key: sending one we cannot prove was not
        # sent could refund twice, so a person checks it with the provider.
        problems.append(
            f"refund {refund.pk} of {refund.amount_pence}p on {refund.payment.reference}: "
            "no answer from the provider; check it there before doing anything"
        )
    run.problems = "\n".join(problems)
    run.finished_at = timezone.now()
    run.save()
    return run


@task()
def reconcile_payments_regularly() -> int:
    """Reconcile now, then queue the next run (even if this one failed: one bad run must not
    stop reconciliation for good)."""
    try:
        return reconcile_payments().settled
    finally:
        with transaction.atomic():
            enqueue(reconcile_payments_regularly.using(run_after=timezone.now() + EVERY))


def schedule_regular_runs() -> datetime | None:
    """Start the regular runs; None if one is already waiting, so a second start is a no-op."""
    if daily.is_scheduled(reconcile_payments_regularly):
        return None
    run_after = timezone.now() + timedelta(seconds=1)
    with transaction.atomic():
        enqueue(reconcile_payments_regularly.using(run_after=run_after))
    return run_after
