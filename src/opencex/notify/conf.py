"""Notify's settings, read when they are used (so tests and deployments can change them), with the
environment as the fallback for those settings.py does not define."""

from __future__ import annotations

import os

from django.conf import settings

DEFAULT_ADAPTERS = {"email": "smtp", "sms": "outbox"}


def _setting(name: str, default: str = "") -> str:
    return getattr(settings, name, os.environ.get(name, default))


def adapter_name(channel: str) -> str:
    """Which adapter delivers `channel` ("email" or "sms"): smtp, outbox or govuk_notify."""
    configured = getattr(settings, "OPENCEX_NOTIFICATIONS", {})
    return configured.get(channel, DEFAULT_ADAPTERS[channel])


def govuk_notify_api_key() -> str:
    return _setting("GOVUK_NOTIFY_API_KEY")


def govuk_notify_base_url() -> str:
    return _setting("GOVUK_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")


def govuk_notify_template_id(channel: str) -> str:
    """The one generic Notify template per channel; its personalisation is `subject` and `body`."""
    return _setting(f"GOVUK_NOTIFY_{channel.upper()}_TEMPLATE_ID")


def site_url() -> str:
    """Where the citizen site is served: every absolute link in a message starts here. One
    setting, `OPENCEX_SITE_URL` (settings.py reads it from the environment; `make run` sets it to
    the address it serves on)."""
    return str(settings.OPENCEX_SITE_URL).rstrip("/")


def case_tracking_url(reference: str) -> str:
    return f"{site_url()}/track/{reference}"


def case_complaint_url(reference: str) -> str:
    """Where a resident unhappy with how a request is handled can make a complaint about it."""
    return f"{site_url()}/track/{reference}/complain"


def case_feedback_url(reference: str) -> str:
    return f"{site_url()}/track/{reference}/feedback"


def staff_case_url(reference: str) -> str:
    return f"{site_url()}/staff/cases/{reference}"


def sign_in_link_url(token: str) -> str:
    return f"{site_url()}/account/sign-in/{token}"


def staff_sign_in_url() -> str:
    return f"{site_url()}/staff/sign-in/"
