"""What a payment is for. The app that owns a purpose (bookings, bills) registers it when Django
starts (`AppConfig.ready`), so that payments never imports it: the purpose is told once, inside
the transaction that records a payment's final state, whether it was paid or not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencex.payments.models import Payment

PaymentHook = Callable[["Payment"], None]


@dataclass(frozen=True)
class Purpose:
    kind: str
    on_paid: PaymentHook
    on_not_paid: PaymentHook


_PURPOSES: dict[str, Purpose] = {}


def register_purpose(kind: str, *, on_paid: PaymentHook, on_not_paid: PaymentHook) -> None:
    """Say what happens when a payment for `kind` succeeds (`on_paid`) or ends any other way
    (`on_not_paid`: failed, cancelled, expired, error). Each is called exactly once per payment,
    inside the transaction that records its final state: raise to roll that back. Registering a
    kind again replaces it (Django may call `ready()` more than once in tests)."""
    if not kind or len(kind) > 64:
        raise ValueError("A purpose needs a name of at most 64 characters.")
    _PURPOSES[kind] = Purpose(kind, on_paid, on_not_paid)


def purpose_for(kind: str) -> Purpose:
    try:
        return _PURPOSES[kind]
    except KeyError:
        raise LookupError(f"No payment purpose {kind!r} is registered.") from None


def is_registered(kind: str) -> bool:
    return kind in _PURPOSES
