"""Writing the payments audit trail: one `PaymentEvent` per state change and refund."""

from __future__ import annotations

from opencex.accounts.actors import account_or_none
from opencex.payments.models import Payment, PaymentEvent, Refund


def record_event(
    *,
    payment: Payment,
    kind: str,
    actor=None,
    because: str = "",
    from_status: str = "",
    to_status: str = "",
    refund: Refund | None = None,
    detail: str = "",
) -> PaymentEvent:
    return PaymentEvent.objects.create(
        payment=payment,
        refund=refund,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=account_or_none(actor),
        because=because,
        detail=detail[:500],
    )
