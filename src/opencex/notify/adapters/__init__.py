"""Delivery adapters: one interface, chosen per channel by settings.OPENCEX_NOTIFICATIONS."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from opencex.notify import conf
from opencex.notify.adapters.base import Adapter, DeliveryError, DeliveryRejected
from opencex.notify.adapters.govuk_notify import GovukNotifyAdapter
from opencex.notify.adapters.outbox import OutboxAdapter
from opencex.notify.adapters.smtp import SmtpAdapter

ADAPTERS: dict[str, type[Adapter]] = {
    adapter.name: adapter for adapter in (SmtpAdapter, OutboxAdapter, GovukNotifyAdapter)
}

__all__ = ["ADAPTERS", "Adapter", "DeliveryError", "DeliveryRejected", "adapter_for"]


def adapter_for(channel: str) -> Adapter:
    """The adapter that delivers `channel` ("email" or "sms") in this deployment."""
    name = conf.adapter_name(channel)
    try:
        adapter_class = ADAPTERS[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"OPENCEX_NOTIFICATIONS[{channel!r}] is {name!r}; choose one of {sorted(ADAPTERS)}"
        ) from None
    if channel not in adapter_class.channels:
        raise ImproperlyConfigured(f"The {name} adapter cannot send {channel} messages")
    return adapter_class()
