"""`opencex demo` gives the demo residents bills to pay by reference: the demo resident owes
the profile's example references, history residents have council tax accounts with valid check
digits; a second run changes nothing and `--reset` makes them again."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from opencex.accounts.models import Role
from opencex.payments.bills.references import check_reference, payable_bill
from opencex.payments.demo import council_tax_account, load_demo_bills
from opencex.payments.models import DemoBill

pytestmark = pytest.mark.django_db


def test_the_demo_makes_bills_for_the_demo_residents_once():
    out = io.StringIO()
    call_command("demo", "--size", "small", stdout=out)
    assert "Demo bills to pay by reference:" in out.getvalue()
    count = DemoBill.objects.count()
    resident_bill = DemoBill.objects.get(kind="council_tax", reference="4001234564")
    assert resident_bill.resident.user.role == Role.RESIDENT
    history = DemoBill.objects.filter(kind="council_tax").exclude(reference="4001234564")
    assert history.count() > 30
    for bill in history:
        assert check_reference(payable_bill("council_tax"), bill.reference) == bill.reference
        assert bill.resident is not None
    call_command("demo", "--size", "small", stdout=io.StringIO())
    assert DemoBill.objects.count() == count


def test_reset_makes_the_bills_again():
    call_command("demo", "--size", "small", stdout=io.StringIO())
    DemoBill.objects.filter(reference="4001234564").update(balance_pence=0)
    DemoBill.objects.create(
        kind="invoice", reference="INV9999999", description="x", balance_pence=1
    )
    load_demo_bills(reset=True)
    assert DemoBill.objects.get(reference="4001234564").balance_pence == 153240
    assert not DemoBill.objects.filter(reference="INV9999999").exists()


def test_a_demo_account_number_is_never_one_the_arithmetic_cannot_issue():
    numbers = [council_tax_account(n) for n in range(1, 200)]
    assert None in numbers  # some bodies give 10: skipped, never issued
    assert all(n is None or len(n) == 10 for n in numbers)
