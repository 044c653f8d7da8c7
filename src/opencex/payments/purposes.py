"""What a payment is for. The app that owns a purpose (bookings, bills) registers it when Django
starts (`AppConfig.ready`), so that payments never imports it: the purpose is told once, inside
the transaction that records a payment's final state, whether it was paid or not, and (if it asks)
once inside the transaction that records a refund's final state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencex.payments.models import Payment, Refund

PaymentHook = Callable[["Payment"], None]
# Called with the refund (its final status set) and `at_once`: True when the status is the
# provider's answer to the request itself (whoever sent it sees it), False when learnt later
# (reconciliation), so that nobody is waiting for it.
RefundHook = Callable[["Refund", bool], None]
# Where staff refund a payment of this purpose (the purpose's own page), or None.
RefundPage = Callable[["Payment"], str | None]


@dataclass(frozen=True)
class Purpose:
    kind: str
    on_paid: PaymentHook
    on_not_paid: PaymentHook
    on_refund_settled: RefundHook | None = None
    refund_page: RefundPage | None = None

    @property
    def owns_refunds(self) -> bool:
        """Refunds of its payments go through the purpose's own rules and page (a booking is
        cancelled or changed there), never through finance's discretionary refund."""
        return self.refund_page is not None


_PURPOSES: dict[str, Purpose] = {}


def register_purpose(
    kind: str,
    *,
    on_paid: PaymentHook,
    on_not_paid: PaymentHook,
    on_refund_settled: RefundHook | None = None,
    refund_page: RefundPage | None = None,
) -> None:
    """Say what happens when a payment for `kind` succeeds (`on_paid`) or ends any other way
    (`on_not_paid`: failed, cancelled, expired, error). Each is called exactly once per payment,
    inside the transaction that records its final state: raise to roll that back.

    `on_refund_settled`, if given, is called exactly once per refund of such a payment, inside
    the transaction that records the refund's final state (success or error).
    `refund_page`, if given, says the purpose owns its payments' refunds: finance's discretionary
    refund (`services.refund_payment`) refuses them and points to that page instead.
    Registering a kind again replaces it (Django may call `ready()` more than once in tests)."""
    if not kind or len(kind) > 64:
        raise ValueError("A purpose needs a name of at most 64 characters.")
    _PURPOSES[kind] = Purpose(kind, on_paid, on_not_paid, on_refund_settled, refund_page)


def purpose_for(kind: str) -> Purpose:
    try:
        return _PURPOSES[kind]
    except KeyError:
        raise LookupError(f"No payment purpose {kind!r} is registered.") from None


def is_registered(kind: str) -> bool:
    return kind in _PURPOSES
