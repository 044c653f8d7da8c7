"""A rent (or service charge) account's figures: the balance, the arrears, and the next charge
and when, worked out from the tenancy and its transactions as the housing system sent them.

Positive balances are owed to the council. The arrears are what is owed today (a credit is no
arrears). The next charge is the first day of the tenancy's charging pattern after today: the
day a charge fell on (`first_charge_on`) repeated by its frequency; a monthly charge falls on the
same day of each month, or the month's last day where it has no such day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum

from opencex.housing.models import ChargeFrequency, Tenancy

_DAYS = {
    ChargeFrequency.WEEKLY: 7,
    ChargeFrequency.FORTNIGHTLY: 14,
    ChargeFrequency.FOUR_WEEKLY: 28,
}


@dataclass(frozen=True)
class RentAccount:
    balance: Decimal
    arrears: Decimal
    next_charge_amount: Decimal
    next_charge_on: date | None

    @property
    def is_in_credit(self) -> bool:
        return self.balance < 0

    @property
    def credit(self) -> Decimal:
        return -self.balance if self.balance < 0 else Decimal("0.00")


def rent_account(tenancy: Tenancy, *, today: date) -> RentAccount:
    """The account's figures on `today`, counting the transactions posted up to and on it."""
    posted = tenancy.transactions.filter(posted_on__lte=today).aggregate(total=Sum("amount"))
    balance = tenancy.opening_balance + (posted["total"] or Decimal("0"))
    return RentAccount(
        balance=balance,
        arrears=max(balance, Decimal("0.00")),
        next_charge_amount=tenancy.charge_amount,
        next_charge_on=next_charge_on(tenancy, today=today),
    )


def next_charge_on(tenancy: Tenancy, *, today: date) -> date | None:
    """The first charging day after `today`, or None where the tenancy has ended (or ends before
    it) or has no charging pattern."""
    start = tenancy.first_charge_on
    if start is None or not tenancy.charge_amount:
        return None
    if start > today:
        day = start
    elif tenancy.charge_frequency == ChargeFrequency.MONTHLY:
        day = _next_monthly(start, today)
    else:
        step = _DAYS[ChargeFrequency(tenancy.charge_frequency)]
        day = start + timedelta(days=((today - start).days // step + 1) * step)
    if tenancy.ended_on is not None and day > tenancy.ended_on:
        return None
    return day


def _next_monthly(start: date, today: date) -> date:
    months = (today.year - start.year) * 12 + today.month - start.month
    day = _months_after(start, months)
    return day if day > today else _months_after(start, months + 1)


def _months_after(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
