"""The seam for a council's own hosted payment page (CivicaPay-style).

How such providers work, and what this adapter expects of one:
1. We send the resident to the provider's hosted page with signed parameters (`next_url`): the
   amount, our reference, the fund (what it is for), where to return and where to call back, and
   an HMAC-SHA256 signature over them with the secret we share with the provider.
2. The provider calls back (`read_notification`) with a signed result; we check the signature,
   then only ask: we never take the result from the callback itself.
3. We ask the state with a signed query call (`get_state`): `GET {url}/payments/{id}`.

A real council provider differs in its parameter names, its fund codes and how it signs; a new
adapter for it copies this one and changes `_hosted_page_parameters`, `_read_state` and the
signing (docs/payments.md, "A council's own provider"). tests/payments/test_council_hosted_seam.py
proves the seam against a fake provider on loopback."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.urls import reverse

from opencex.payments.models import PaymentStatus, RefundStatus
from opencex.payments.providers.base import (
    BadSignature,
    CreatedPayment,
    NewPayment,
    PaymentState,
    ProviderError,
    RefundState,
)
from opencex.payments.providers.signing import is_signed_by, sign

TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Payment-Signature"
# The provider's words for a result, in GOV.UK Pay's states and codes.
RESULTS = {
    "authorised": (PaymentStatus.SUCCESS, ""),
    "declined": (PaymentStatus.FAILED, "P0010"),
    "expired": (PaymentStatus.FAILED, "P0020"),
    "cancelled": (PaymentStatus.CANCELLED, "P0030"),
    "pending": (PaymentStatus.STARTED, ""),
    "error": (PaymentStatus.ERROR, "P0050"),
}


def canonical(parameters: Mapping[str, Any]) -> bytes:
    """The signed text: parameters sorted by name, as a query string."""
    return urlencode(sorted((k, str(v)) for k, v in parameters.items())).encode()


class CouncilHostedPage:
    name = "council_hosted"

    def __init__(self, *, base_url: str | None = None, secret: str | None = None) -> None:
        self.base_url = (base_url or settings.OPENCEX_COUNCIL_PAYMENT_URL).rstrip("/")
        self.secret = secret if secret is not None else settings.OPENCEX_COUNCIL_PAYMENT_SECRET

    def create_payment(self, payment: NewPayment, *, idempotency_key: str) -> CreatedPayment:
        if not self.base_url or not self.secret:
            raise ProviderError("The council's payment provider is not configured.")
        # The hosted page has no create call: the id is ours, carried in the signed parameters.
        payment_id = secrets.token_hex(12)
        parameters = self._hosted_page_parameters(payment_id, payment)
        parameters["signature"] = sign(canonical(parameters), self.secret)
        return CreatedPayment(
            provider_payment_id=payment_id,
            next_url=f"{self.base_url}/pay?{urlencode(parameters)}",
            status=PaymentStatus.CREATED,
        )

    def _hosted_page_parameters(self, payment_id: str, payment: NewPayment) -> dict[str, Any]:
        site = str(settings.OPENCEX_SITE_URL).rstrip("/")
        return {
            "payment_id": payment_id,
            "amount": payment.amount_pence,
            "reference": payment.reference,
            "fund": payment.metadata.get("purpose", ""),
            "description": payment.description,
            "email": payment.email,
            "moto": "1" if payment.moto else "0",
            "return_url": payment.return_url,
            "callback_url": site + reverse("payment-webhook", args=[self.name]),
        }

    def get_state(self, provider_payment_id: str) -> PaymentState:
        return self._read_state(self._query(f"/payments/{provider_payment_id}"))

    def _read_state(self, answer: dict) -> PaymentState:
        status, code = RESULTS.get(str(answer.get("result")), (None, ""))
        if status is None:
            raise ProviderError(f"The council's provider said {answer.get('result')!r}")
        return PaymentState(
            status=status,
            code=code,
            message=str(answer.get("message", "")),
            amount_pence=answer.get("amount"),
            card_last_digits=str(answer.get("card_last_digits", "")),
        )

    def refund(
        self, provider_payment_id: str, *, amount_pence: int, refund_amount_available: int
    ) -> RefundState:
        answer = self._query(
            f"/payments/{provider_payment_id}/refunds",
            method="POST",
            body={"amount": amount_pence, "amount_available": refund_amount_available},
        )
        try:
            return RefundState(str(answer["refund_id"]), _refund_status(answer), amount_pence)
        except (KeyError, TypeError) as error:
            raise ProviderError(f"The council's provider's refund lacks {error}") from error

    def get_refund(self, provider_payment_id: str, provider_refund_id: str) -> RefundState:
        answer = self._query(f"/payments/{provider_payment_id}/refunds/{provider_refund_id}")
        try:
            return RefundState(provider_refund_id, _refund_status(answer), int(answer["amount"]))
        except (KeyError, TypeError, ValueError) as error:
            raise ProviderError(f"The council's provider's refund lacks {error}") from error

    def read_notification(self, body: bytes, headers: Mapping[str, str]) -> str:
        if not is_signed_by(body, headers.get(SIGNATURE_HEADER, ""), self.secret):
            raise BadSignature("The council provider's signature does not match.")
        return str(json.loads(body)["payment_id"])

    def _query(self, path: str, *, method: str = "GET", body: dict | None = None) -> dict:
        # The query is signed too: the provider knows it is us asking.
        payload = json.dumps(body or {}, sort_keys=True).encode()
        signed = f"{method} {path}\n".encode() + payload
        try:
            response = requests.request(
                method,
                self.base_url + path,
                data=payload if body is not None else None,
                headers={
                    SIGNATURE_HEADER: sign(signed, self.secret),
                    "Content-Type": "application/json",
                },
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise ProviderError(f"The council's provider could not be reached: {error}") from error
        if response.status_code != 200:
            raise ProviderError(f"The council's provider answered {response.status_code}")
        # Its answer is signed as well, so a man in the middle cannot say "authorised". An answer
        # we cannot trust or read is a ProviderError: nothing is recorded from it.
        if not is_signed_by(
            response.content, response.headers.get(SIGNATURE_HEADER, ""), self.secret
        ):
            raise ProviderError("The council provider's answer is not signed by it.")
        try:
            answer = response.json()
        except ValueError as error:
            raise ProviderError("The council provider's answer is not JSON") from error
        if not isinstance(answer, dict):
            raise ProviderError("The council provider's answer is not a JSON object")
        return answer


def _refund_status(answer: dict) -> str:
    status = {"done": RefundStatus.SUCCESS, "pending": RefundStatus.SUBMITTED}.get(
        str(answer.get("status")), RefundStatus.ERROR
    )
    return status
