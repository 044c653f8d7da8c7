"""Payment provider adapters, chosen by OPENCEX_PAYMENT_PROVIDER (default: the local test
provider). A payment stores its provider's name and is always settled through that one."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from opencex.payments.providers.base import PaymentProvider

ADAPTERS = {
    "test": "opencex.payments.providers.test_provider.TestProvider",
    "govuk_pay": "opencex.payments.providers.govuk_pay.GovUkPay",
    "council_hosted": "opencex.payments.providers.council_hosted.CouncilHostedPage",
}


def provider_named(name: str) -> PaymentProvider:
    try:
        path = ADAPTERS[name]
    except KeyError:
        raise LookupError(
            f"No payment provider called {name!r}: one of {sorted(ADAPTERS)}"
        ) from None
    return import_string(path)()


def current_provider() -> PaymentProvider:
    """The provider new payments go to."""
    return provider_named(getattr(settings, "OPENCEX_PAYMENT_PROVIDER", "test"))
