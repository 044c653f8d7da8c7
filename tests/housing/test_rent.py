"""The rent account's figures: balance and arrears from the opening balance and the transactions
posted up to today, and the next charge from the tenancy's charging pattern (dates pinned)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from opencex.housing.models import ChargeFrequency, RentTransaction
from opencex.housing.rent import next_charge_on, rent_account
from tests.housing.conftest import make_tenant

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2026, 12, 9)


def post(tenancy, ref, day, kind, amount):
    RentTransaction.objects.create(
        transaction_ref=ref, tenancy=tenancy, posted_on=day, kind=kind, amount=Decimal(amount)
    )


def test_the_balance_counts_the_opening_balance_and_every_transaction_to_date():
    _user, tenancy = make_tenant(opening_balance=Decimal("12.00"))
    post(tenancy, "R1", dt.date(2026, 11, 30), "charge", "98.50")
    post(tenancy, "R2", dt.date(2026, 12, 1), "payment", "-80.00")
    post(tenancy, "R3", dt.date(2026, 12, 7), "charge", "98.50")
    post(tenancy, "R4", dt.date(2026, 12, 14), "charge", "98.50")  # not posted yet
    account = rent_account(tenancy, today=WEDNESDAY)
    assert account.balance == Decimal("129.00")
    assert account.arrears == Decimal("129.00")


def test_an_account_in_credit_has_no_arrears():
    _user, tenancy = make_tenant()
    post(tenancy, "R1", dt.date(2026, 12, 7), "charge", "98.50")
    post(tenancy, "R2", dt.date(2026, 12, 7), "payment", "-120.00")
    account = rent_account(tenancy, today=WEDNESDAY)
    assert (account.balance, account.arrears, account.credit) == (
        Decimal("-21.50"), Decimal("0.00"), Decimal("21.50"),
    )  # fmt: skip
    assert account.is_in_credit


@pytest.mark.parametrize(
    ("frequency", "first", "today", "expected"),
    [
        # Weekly from Monday 6 April 2026: on a Wednesday, the coming Monday.
        (ChargeFrequency.WEEKLY, dt.date(2026, 4, 6), WEDNESDAY, dt.date(2026, 12, 14)),
        # On a charging day itself, that day's charge is posted: the next is a week on.
        (ChargeFrequency.WEEKLY, dt.date(2026, 4, 6), dt.date(2026, 12, 7), dt.date(2026, 12, 14)),
        (ChargeFrequency.FORTNIGHTLY, dt.date(2026, 4, 6), WEDNESDAY, dt.date(2026, 12, 14)),
        (
            ChargeFrequency.FOUR_WEEKLY,
            dt.date(2026, 4, 6),
            dt.date(2026, 12, 15),
            dt.date(2027, 1, 11),
        ),
        (ChargeFrequency.MONTHLY, dt.date(2026, 4, 1), WEDNESDAY, dt.date(2027, 1, 1)),
        # The 31st in a month without one: that month's last day.
        (ChargeFrequency.MONTHLY, dt.date(2026, 1, 31), dt.date(2027, 2, 1), dt.date(2027, 2, 28)),
        # A pattern that starts later: its first day.
        (ChargeFrequency.WEEKLY, dt.date(2027, 1, 4), WEDNESDAY, dt.date(2027, 1, 4)),
    ],
)
def test_the_next_charge_follows_the_charging_pattern(frequency, first, today, expected):
    _user, tenancy = make_tenant(charge_frequency=frequency, first_charge_on=first)
    assert next_charge_on(tenancy, today=today) == expected


def test_a_tenancy_ending_before_the_next_charging_day_has_no_next_charge():
    _user, tenancy = make_tenant(ended_on=dt.date(2026, 12, 12))
    assert next_charge_on(tenancy, today=WEDNESDAY) is None


@time_machine.travel(dt.datetime(2026, 12, 9, 12, tzinfo=dt.UTC), tick=False)
def test_the_tenant_sees_balance_arrears_and_the_next_charge_on_their_rent_page(client):
    user, tenancy = make_tenant()
    post(tenancy, "R1", dt.date(2026, 12, 7), "charge", "98.50")
    post(tenancy, "R2", dt.date(2026, 12, 8), "payment", "-50.00")
    client.force_login(user)
    page = client.get(f"/housing/tenancies/{tenancy.pk}/rent/").content.decode()
    assert "You owe £48.50." in page
    assert "£98.50 on Monday 14 December 2026" in page
    assert "Direct debit" not in page
    assert "£50.00" in page
    home = client.get("/housing/").content.decode()
    assert "In arrears" in home
    assert tenancy.get_tenancy_type_display() in home
