"""The council's bills system: what is due on a reference, and being told of a payment.

The local default (`DemoBills`) answers from the `DemoBill` table that `opencex demo` fills for
the demo residents. A council's real adapter (revenues and benefits for council tax, the parking
back office for PCNs, the finance system for invoices) gives the same two calls; choose it with
OPENCEX_BILLS_SYSTEM (docs/payments.md, "A real bills system")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
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
        """Post a successful payment to the account (called once per payment, at settlement)."""
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
        from opencex.payments.models import DemoBill

        # A payment above the balance leaves a credit (below zero), as a real account would.
        DemoBill.objects.filter(kind=kind, reference=reference).update(
            balance_pence=F("balance_pence") - amount_pence,
            paid_pence=F("paid_pence") + amount_pence,
        )


def bills_system() -> BillsSystem:
    path = getattr(settings, "OPENCEX_BILLS_SYSTEM", "opencex.payments.bills.system.DemoBills")
    return import_string(path)()
