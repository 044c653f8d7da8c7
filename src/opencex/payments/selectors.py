"""What the finance view reads: takings by day, provider and purpose, refunds, payments whose
state is not yet known, and the day's reconciliation, all by London date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from opencex.payments.models import (
    FINAL_STATUSES,
    BillPosting,
    Payment,
    PaymentStatus,
    ReconciliationRun,
    Refund,
    RefundStatus,
)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def settled_on(day: date) -> QuerySet[Payment]:
    start, end = _day_bounds(day)
    return Payment.objects.filter(settled_at__gte=start, settled_at__lt=end)


@dataclass
class DayTakings:
    day: date
    count: int = 0
    paid: int = 0
    refunded: int = 0

    @property
    def net(self) -> int:
        return self.paid - self.refunded


def takings_by_day(*, until: date, days: int = 14) -> list[DayTakings]:
    """Paid and refunded, per day, newest first (days with neither are left out)."""
    start, _ = _day_bounds(until - timedelta(days=days - 1))
    _, end = _day_bounds(until)
    paid = (
        Payment.objects.filter(
            status=PaymentStatus.SUCCESS, settled_at__gte=start, settled_at__lt=end
        )
        .annotate(day=TruncDate("settled_at"))
        .values("day")
        .annotate(count=Count("pk"), pence=Sum("amount_pence"))
    )
    refunded = (
        Refund.objects.filter(
            status=RefundStatus.SUCCESS, created_at__gte=start, created_at__lt=end
        )
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(pence=Sum("amount_pence"))
    )
    days_seen: dict[date, DayTakings] = {}
    for taken in paid:
        entry = days_seen.setdefault(taken["day"], DayTakings(taken["day"]))
        entry.count, entry.paid = taken["count"], taken["pence"] or 0
    for given_back in refunded:
        days_seen.setdefault(given_back["day"], DayTakings(given_back["day"])).refunded = (
            given_back["pence"] or 0
        )
    return sorted(days_seen.values(), key=lambda entry: entry.day, reverse=True)


def takings_by_provider_and_purpose(day: date) -> list[dict[str, Any]]:
    rows = (
        settled_on(day)
        .filter(status=PaymentStatus.SUCCESS)
        .values("provider", "purpose")
        .annotate(count=Count("pk"), pence=Sum("amount_pence"))
        .order_by("provider", "purpose")
    )
    return [dict(row) for row in rows]


def refunds_on(day: date) -> QuerySet[Refund]:
    start, end = _day_bounds(day)
    return (
        Refund.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("payment", "requested_by")
        .order_by("created_at")
    )


def in_unknown_state(*, older_than: timedelta) -> QuerySet[Payment]:
    """Payments the provider has not yet given a final state for, past the time it usually takes."""
    return (
        Payment.objects.exclude(status__in=FINAL_STATUSES)
        .filter(created_at__lt=timezone.now() - older_than)
        .order_by("created_at")
    )


def reconciliation_runs_on(day: date) -> QuerySet[ReconciliationRun]:
    start, end = _day_bounds(day)
    return ReconciliationRun.objects.filter(started_at__gte=start, started_at__lt=end)


def reconciliation_rows(day: date) -> QuerySet[Payment]:
    """Every payment started or settled on `day`: the day's reconciliation, one row each."""
    start, end = _day_bounds(day)
    return (
        Payment.objects.filter(
            Q(created_at__gte=start, created_at__lt=end)
            | Q(settled_at__gte=start, settled_at__lt=end)
        )
        .select_related("taken_by")
        .order_by("created_at")
    )


def reconciliation_refund_rows(day: date) -> QuerySet[Refund]:
    """Every refund asked for or settled on `day` (whichever day its payment was taken): with
    the day's payments, takings less refunds reconcile for the day."""
    start, end = _day_bounds(day)
    return (
        Refund.objects.filter(
            Q(created_at__gte=start, created_at__lt=end)
            | Q(settled_at__gte=start, settled_at__lt=end)
        )
        .select_related("payment", "requested_by")
        .order_by("created_at")
    )


@dataclass(frozen=True)
class DaySummary:
    paid_pence: int
    paid_count: int
    refunded_pence: int
    not_paid_count: int


def day_summary(day: date) -> DaySummary:
    settled = settled_on(day)
    paid = settled.filter(status=PaymentStatus.SUCCESS).aggregate(
        count=Count("pk"), pence=Sum("amount_pence")
    )
    refunded = (
        refunds_on(day).filter(status=RefundStatus.SUCCESS).aggregate(pence=Sum("amount_pence"))
    )
    return DaySummary(
        paid_pence=paid["pence"] or 0,
        paid_count=paid["count"],
        refunded_pence=refunded["pence"] or 0,
        not_paid_count=settled.exclude(status=PaymentStatus.SUCCESS).count(),
    )


def bill_postings_given_up() -> QuerySet[BillPosting]:
    """Bill payments taken but never posted to the bills system: finance posts them by hand."""
    return (
        BillPosting.objects.filter(gave_up=True, posted_at__isnull=True)
        .select_related("payment")
        .order_by("created_at")
    )
