"""HMAC-SHA256 signatures as GOV.UK Pay signs its webhooks (`Pay-Signature`: the hex digest of
the raw body under the webhook's signing secret), shared by the adapters that sign alike."""

from __future__ import annotations

import hashlib
import hmac


def sign(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_signed_by(body: bytes, signature: str, secret: str) -> bool:
    return bool(secret) and hmac.compare_digest(sign(body, secret), signature.strip())
