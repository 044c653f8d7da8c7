"""Shared fixtures for payments: a purpose that records what it was told, and a payment started
through the local test provider."""

from __future__ import annotations

import itertools

import pytest

from opencex.payments import purposes
from opencex.payments.services import start_payment

_keys = itertools.count()


class Told:
    """A purpose registered for a test: what `on_paid` / `on_not_paid` were called with."""

    def __init__(self) -> None:
        self.paid: list[str] = []
        self.not_paid: list[str] = []

    def on_paid(self, payment) -> None:
        self.paid.append(payment.reference)

    def on_not_paid(self, payment) -> None:
        self.not_paid.append(payment.reference)


@pytest.fixture
def told() -> Told:
    recorder = Told()
    purposes.register_purpose(
        "test-purpose", on_paid=recorder.on_paid, on_not_paid=recorder.on_not_paid
    )
    return recorder


@pytest.fixture
def start(told, settings):
    """Start a payment of £12.34 through the test provider (keywords override)."""
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    settings.OPENCEX_SITE_URL = "http://testserver"

    def _start(**overrides):
        fields = {
            "actor": None,
            "purpose": "test-purpose",
            "purpose_id": "42",
            "amount_pence": 1234,
            "description": "Test payment",
            "reference": "REF42",
            "email": "resident@example.org",
            "return_url": "/done/",
            "idempotency_key": f"key-{next(_keys)}",
        }
        return start_payment(**(fields | overrides))

    return _start


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counts live in the cache, which outlives a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
