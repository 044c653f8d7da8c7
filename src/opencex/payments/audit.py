"""Writing the payments audit trail: one `PaymentEvent` per state change and refund, and the
outbound event (opencex.events) a back office subscribes to for the changes that matter to it."""

from __future__ import annotations

from opencex.accounts.actors import account_or_none
from opencex.events.services import publish
from opencex.payments.models import (
    Payment,
    PaymentEvent,
    PaymentEventKind,
    PaymentStatus,
    Refund,
    RefundStatus,
)


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
    event = PaymentEvent.objects.create(
        payment=payment,
        refund=refund,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=account_or_none(actor),
        because=because,
        detail=detail[:500],
    )
    topic = _outbound_topic(kind, to_status, payment)
    if topic:
        publish(
            topic=topic,
            subject_type="payment",
            subject_id=payment.reference,
            data=_outbound_payload(payment, refund),
        )
    return event


def _outbound_topic(kind: str, to_status: str, payment: Payment) -> str:
    """The back office hears of a payment's final state and of a refund that went through; the
    steps between (started, submitted) are the provider's business."""
    if kind == PaymentEventKind.STATUS_CHANGED and payment.is_final:
        return "payment.succeeded" if to_status == PaymentStatus.SUCCESS else "payment.failed"
    if kind == PaymentEventKind.REFUND_STATUS_CHANGED and to_status == RefundStatus.SUCCESS:
        return "payment.refunded"
    return ""


def _outbound_payload(payment: Payment, refund: Refund | None) -> dict:
    # What finance and the purpose's back office need to post it; no card or contact details.
    payload = {
        "payment": {
            "reference": payment.reference,
            "purpose": payment.purpose,
            "purpose_id": payment.purpose_id,
            "amount_pence": payment.amount_pence,
            "refunded_pence": payment.refunded_pence,
            "status": payment.status,
            "failure_code": payment.failure_code,
            "provider": payment.provider,
            "channel": payment.channel,
        }
    }
    if refund is not None:
        payload["refund"] = {"id": refund.pk, "amount_pence": refund.amount_pence}
    return payload
