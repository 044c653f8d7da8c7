"""System checks: a configuration that would take money wrongly refuses to start."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from opencex.payments.providers import ADAPTERS

DEMO_BILLS = "opencex.payments.bills.system.DemoBills"


@checks.register()
def check_payment_provider(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    provider = getattr(settings, "OPENCEX_PAYMENT_PROVIDER", "test")
    if provider not in ADAPTERS:
        return [
            checks.Error(
                f"OPENCEX_PAYMENT_PROVIDER is {provider!r}: "
                f"use one of {', '.join(sorted(ADAPTERS))}.",
                id="payments.E001",
            )
        ]
    if provider == "test" and getattr(settings, "OPENCEX_BILLS_SYSTEM", DEMO_BILLS) != DEMO_BILLS:
        # Test cards would post money nobody paid to the council's real accounts.
        return [
            checks.Error(
                "The test payment provider cannot be used with a real bills system: set "
                "OPENCEX_PAYMENT_PROVIDER to govuk_pay or council_hosted.",
                id="payments.E002",
            )
        ]
    return []


@checks.register(deploy=True)
def check_real_money_in_production(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: with DEBUG off, payments must go to a real provider. The test provider
    takes test card numbers and moves no money, so a live site on it would "take" payments nobody
    made; a staging site sets OPENCEX_ALLOW_TEST_PAYMENTS to say it means it."""
    if settings.DEBUG or getattr(settings, "OPENCEX_ALLOW_TEST_PAYMENTS", False):
        return []
    provider = getattr(settings, "OPENCEX_PAYMENT_PROVIDER", "test")
    if provider == "test":
        return [
            checks.Error(
                "OPENCEX_PAYMENT_PROVIDER is 'test' (no real money moves) with DEBUG off.",
                hint="Set OPENCEX_PAYMENT_PROVIDER=govuk_pay (or council_hosted) and its keys; "
                "a staging site sets OPENCEX_ALLOW_TEST_PAYMENTS=1 (docs/payments.md).",
                id="payments.E003",
            )
        ]
    if provider == "govuk_pay" and not (
        settings.OPENCEX_GOVUK_PAY_API_KEY and settings.OPENCEX_GOVUK_PAY_WEBHOOK_SECRET
    ):
        return [
            checks.Error(
                "OPENCEX_PAYMENT_PROVIDER is govuk_pay without OPENCEX_GOVUK_PAY_API_KEY and "
                "OPENCEX_GOVUK_PAY_WEBHOOK_SECRET.",
                id="payments.E004",
            )
        ]
    return []


def test_provider_pages_served() -> bool:
    """May the test provider's card pages be served? Only when new payments go to it, or a
    staging site says test payments are meant (OPENCEX_ALLOW_TEST_PAYMENTS)."""
    return getattr(settings, "OPENCEX_PAYMENT_PROVIDER", "test") == "test" or bool(
        getattr(settings, "OPENCEX_ALLOW_TEST_PAYMENTS", False)
    )
