"""Demo bills for `opencex demo`: what the demo residents owe, in the local stand-in for the
council's bills system (`DemoBill`), so that paying by reference works in the demo.

The demo resident account owes the profile's example references (a council tax account, a
parking PCN, an invoice: the numbers every hint shows), and the first residents of the synthetic
history each have a council tax account. Idempotent (upserted by reference); `--reset` replaces
them all. Nothing here is a real person or bill."""

from __future__ import annotations

from django.db import transaction

from opencex.accounts.models import Role
from opencex.payments.bills.check_digits import modulus_11_digit
from opencex.payments.bills.references import payable_bill
from opencex.payments.models import DemoBill
from opencex.people.models import Resident

HISTORY_ACCOUNTS = 40
# What the demo resident owes on each example reference, in pence.
RESIDENT_OWES = {"council_tax": 153240, "parking_pcn": 3500, "invoice": 12000}
DESCRIPTIONS = {
    "council_tax": "Council tax 2026/27, band B",
    "parking_pcn": "Penalty Charge Notice, Gloucester Green car park",
    "invoice": "Invoice for a replacement wheelie bin",
}


def _demo_resident() -> Resident | None:
    return (
        Resident.objects.filter(user__role=Role.RESIDENT, user__email__startswith="resident@")
        .order_by("pk")
        .first()
    )


def _history_residents(resident_ids: list[int] | None) -> list[Resident]:
    if not resident_ids or len(resident_ids) != 2:
        return []
    return list(Resident.objects.filter(pk__range=resident_ids).order_by("pk")[:HISTORY_ACCOUNTS])


def council_tax_account(number: int) -> str | None:
    """A demo account number: 50, then 7 digits, then the modulus 11 digit (None where the
    arithmetic gives 10: such numbers are never issued)."""
    body = f"50{number:07d}"
    check = modulus_11_digit(body)
    return None if check is None else f"{body}{check}"


@transaction.atomic
def load_demo_bills(*, reset: bool = False, history_resident_ids: list[int] | None = None) -> int:
    """Upsert the demo bills; returns how many there are. `history_resident_ids` is the demo
    history's first and last resident id (its `DemoLoad.id_ranges`)."""
    if reset:
        DemoBill.objects.all().delete()
    resident = _demo_resident()
    for kind, pence in RESIDENT_OWES.items():
        bill = payable_bill(kind)
        if bill is None:
            continue
        DemoBill.objects.update_or_create(
            kind=kind,
            reference=bill.example,
            defaults={
                "resident": resident,
                "description": DESCRIPTIONS[kind],
                "balance_pence": pence,
            },
        )
    if payable_bill("council_tax") is not None:
        for number, someone in enumerate(_history_residents(history_resident_ids), start=1):
            account = council_tax_account(number)
            if account is None:
                continue
            # Band A to D in Oxford, 2026/27, less what was paid by the demo's day.
            DemoBill.objects.get_or_create(
                kind="council_tax",
                reference=account,
                defaults={
                    "resident": someone,
                    "description": "Council tax 2026/27",
                    "balance_pence": 120000 + (number * 3917) % 90000,
                },
            )
    return DemoBill.objects.count()
