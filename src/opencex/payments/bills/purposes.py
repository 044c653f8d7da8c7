"""Each payable bill kind is a payment purpose: a successful payment is posted to the bills
system once, at settlement; one that did not succeed holds nothing to release."""

from __future__ import annotations

import logging

from opencex.payments.bills.references import payable_bills
from opencex.payments.bills.system import bills_system
from opencex.payments.models import Payment
from opencex.payments.purposes import register_purpose

logger = logging.getLogger(__name__)

# Every kind a profile may name (council.profile.PayableBill.kind): registered whatever the
# profile says, so a payment started before a profile change still settles.
KINDS = ("council_tax", "parking_pcn", "invoice", "business_rates")


def post_to_bills_system(payment: Payment) -> None:
    bills_system().record_payment(
        payment.purpose, payment.purpose_id, payment.amount_pence, payment.reference
    )


def note_not_paid(payment: Payment) -> None:
    logger.info("Bill payment %s for %s ended %s", payment, payment.purpose, payment.status)


def register() -> None:
    for kind in {*KINDS, *(bill.kind for bill in payable_bills())}:
        register_purpose(kind, on_paid=post_to_bills_system, on_not_paid=note_not_paid)
