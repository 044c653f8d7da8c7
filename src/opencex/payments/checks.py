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
