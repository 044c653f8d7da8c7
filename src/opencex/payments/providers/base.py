"""The one interface every payment provider's adapter gives: create a payment, ask its state,
refund it, ask a refund's state, and read a signed notification (webhook or callback)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


class ProviderError(Exception):
    """The provider could not be reached or refused the request; nothing was recorded as final."""


class BadSignature(Exception):
    """A notification whose signature does not match: it is ignored."""


@dataclass(frozen=True)
class NewPayment:
    """What we ask a provider to take."""

    amount_pence: int
    reference: str
    description: str
    return_url: str
    email: str = ""
    moto: bool = False
    language: str = "en"
    metadata: Mapping[str, str | int | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class CreatedPayment:
    provider_payment_id: str
    next_url: str
    status: str


@dataclass(frozen=True)
class PaymentState:
    """What the provider says about a payment now (statuses as `models.PaymentStatus`)."""

    status: str
    code: str = ""
    message: str = ""
    amount_pence: int | None = None
    card_last_digits: str = ""


@dataclass(frozen=True)
class RefundState:
    provider_refund_id: str
    status: str  # models.RefundStatus
    amount_pence: int


class PaymentProvider(Protocol):
    """A provider adapter. `name` is stored on every payment, so that a payment is always settled
    through the provider that took it, whatever the setting says later."""

    name: str

    def create_payment(self, payment: NewPayment, *, idempotency_key: str) -> CreatedPayment: ...

    def get_state(self, provider_payment_id: str) -> PaymentState: ...

    def refund(
        self, provider_payment_id: str, *, amount_pence: int, refund_amount_available: int
    ) -> RefundState: ...

    def get_refund(self, provider_payment_id: str, provider_refund_id: str) -> RefundState: ...

    def read_notification(self, body: bytes, headers: Mapping[str, str]) -> str:
        """The provider payment id a signed notification is about; `BadSignature` if unsigned."""
        ...
