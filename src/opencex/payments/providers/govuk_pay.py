"""GOV.UK Pay (docs.payments.service.gov.uk): the public API's create, get, refund and get refund,
and its signed webhooks. Checked against the published OpenAPI document by
tests/payments/contract/test_govuk_pay_contract.py.

Configure with OPENCEX_GOVUK_PAY_API_KEY (a service's API key: a test key in staging, a live key
in production), OPENCEX_GOVUK_PAY_WEBHOOK_SECRET (the webhook's signing secret) and, only for a
test double, OPENCEX_GOVUK_PAY_URL."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import requests
from django.conf import settings

from opencex.payments.models import PaymentStatus, RefundStatus
from opencex.payments.providers.base import (
    BadSignature,
    CreatedPayment,
    NewPayment,
    PaymentState,
    ProviderError,
    RefundState,
)
from opencex.payments.providers.signing import is_signed_by

TIMEOUT_SECONDS = 10
# GOV.UK Pay's Idempotency-Key allows letters, digits and hyphens only.
_NOT_IN_KEY = re.compile(r"[^a-zA-Z0-9-]")


class GovUkPay:
    name = "govuk_pay"

    def __init__(self, *, base_url: str | None = None, api_key: str | None = None) -> None:
        self.base_url = (base_url or settings.OPENCEX_GOVUK_PAY_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else settings.OPENCEX_GOVUK_PAY_API_KEY

    def create_payment(self, payment: NewPayment, *, idempotency_key: str) -> CreatedPayment:
        body: dict[str, Any] = {
            "amount": payment.amount_pence,
            "reference": payment.reference,
            "description": payment.description,
            "return_url": payment.return_url,
            "moto": payment.moto,
            "language": payment.language,
            "metadata": dict(payment.metadata),
        }
        if payment.email:
            body["email"] = payment.email
        answer = self._call(
            "POST",
            "/v1/payments",
            json=body,
            headers={"Idempotency-Key": _NOT_IN_KEY.sub("-", idempotency_key)[:255]},
            expect=(200, 201),
        )
        try:
            return CreatedPayment(
                provider_payment_id=answer["payment_id"],
                next_url=answer["_links"]["next_url"]["href"],
                status=answer["state"]["status"],
            )
        except (KeyError, TypeError) as error:
            raise ProviderError(f"GOV.UK Pay's answer lacks {error}") from error

    def get_state(self, provider_payment_id: str) -> PaymentState:
        answer = self._call("GET", f"/v1/payments/{provider_payment_id}", expect=(200,))
        state = answer.get("state") or {}
        status = state.get("status", "")
        if status not in PaymentStatus.values:
            raise ProviderError(f"GOV.UK Pay said status {status!r}")
        return PaymentState(
            status=status,
            code=state.get("code", "") or "",
            message=state.get("message", "") or "",
            amount_pence=answer.get("amount"),
            card_last_digits=(answer.get("card_details") or {}).get("last_digits_card_number")
            or "",
        )

    def refund(
        self, provider_payment_id: str, *, amount_pence: int, refund_amount_available: int
    ) -> RefundState:
        answer = self._call(
            "POST",
            f"/v1/payments/{provider_payment_id}/refunds",
            json={"amount": amount_pence, "refund_amount_available": refund_amount_available},
            expect=(200, 202),
        )
        return _refund(answer)

    def get_refund(self, provider_payment_id: str, provider_refund_id: str) -> RefundState:
        answer = self._call(
            "GET",
            f"/v1/payments/{provider_payment_id}/refunds/{provider_refund_id}",
            expect=(200,),
        )
        return _refund(answer)

    def read_notification(self, body: bytes, headers: Mapping[str, str]) -> str:
        secret = settings.OPENCEX_GOVUK_PAY_WEBHOOK_SECRET
        if not is_signed_by(body, headers.get("Pay-Signature", ""), secret):
            raise BadSignature("GOV.UK Pay's signature does not match.")
        message = json.loads(body)
        if message.get("resource_type") != "payment":
            raise ValueError("Not a payment notification")
        return str(message["resource_id"])

    def _call(self, method: str, path: str, *, expect: tuple[int, ...], **kwargs: Any) -> dict:
        headers = {
            "Authorization": f"Bearer {self.api_key}",
            "Accept": "application/json",
            **kwargs.pop("headers", {}),
        }
        try:
            response = requests.request(
                method, self.base_url + path, headers=headers, timeout=TIMEOUT_SECONDS, **kwargs
            )
        except requests.RequestException as error:
            raise ProviderError(f"GOV.UK Pay could not be reached: {error}") from error
        if response.status_code not in expect:
            raise ProviderError(
                f"GOV.UK Pay answered {response.status_code} to {method} {path}: "
                f"{response.text[:300]}"
            )
        try:
            return response.json()
        except ValueError as error:
            raise ProviderError("GOV.UK Pay's answer is not JSON") from error


def _refund(answer: dict) -> RefundState:
    """Any answer we cannot read is a ProviderError: the caller then knows nothing was recorded
    (anything else would leave the refund SUBMITTED with no id, for ever)."""
    status = answer.get("status", "") if isinstance(answer, dict) else ""
    if status not in RefundStatus.values:
        raise ProviderError(f"GOV.UK Pay said refund status {status!r}")
    try:
        return RefundState(str(answer["refund_id"]), status, int(answer["amount"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ProviderError(f"GOV.UK Pay's refund answer lacks {error}") from error
