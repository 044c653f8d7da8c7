"""The council's bills system: what is due on a reference, and being told of a payment.

The local default (`DemoBills`) answers from the `DemoBill` table that `opencex demo` fills for
the demo residents. A council's real adapter (revenues and benefits for council tax, the parking
back office for PCNs, the finance system for invoices) gives the same two calls; choose it with
OPENCEX_BILLS_SYSTEM (docs/payments.md, "A real bills system")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Bill:
    kind: str
    reference: str
    balance_pence: int
    description: str = ""


class BillsSystem(Protocol):
    def find_bill(self, kind: str, reference: str) -> Bill | None:
        """What is due on this reference now, or None if the system does not know it."""
        ...

    def record_payment(self, kind: str, reference: str, amount_pence: int, receipt: str) -> None:
        """Post a successful payment to the account. `receipt` (our payment reference) is the
        idempotency key: the same receipt posted again must change nothing, since a job retried
        after a lost answer posts it again. Raise on any failure: the job tries again."""
        ...


class DemoBills:
    """The local default: demo bills in our own database."""

    def find_bill(self, kind: str, reference: str) -> Bill | None:
        from opencex.payments.models import DemoBill

        row = DemoBill.objects.filter(kind=kind, reference=reference).first()
        if row is None:
            return None
        return Bill(kind, reference, row.balance_pence, row.description)

    def record_payment(self, kind: str, reference: str, amount_pence: int, receipt: str) -> None:
        from opencex.payments.models import DemoBill, DemoBillReceipt

        with transaction.atomic():
            bill = DemoBill.objects.select_for_update().filter(kind=kind, reference=reference)
            found = bill.first()
            if found is None or DemoBillReceipt.objects.filter(receipt=receipt).exists():
                return
            DemoBillReceipt.objects.create(receipt=receipt, bill=found, amount_pence=amount_pence)
            # A payment above the balance leaves a credit (below zero), as a real account would.
            bill.update(
                balance_pence=F("balance_pence") - amount_pence,
                paid_pence=F("paid_pence") + amount_pence,
            )


def bills_system() -> BillsSystem:
    path = getattr(settings, "OPENCEX_BILLS_SYSTEM", "opencex.payments.bills.system.DemoBills")
    return import_string(path)()
