"""System checks: a deployment that chose GOV.UK Notify must say how to reach it."""

from __future__ import annotations

from typing import Any

from django.core import checks

from opencex.notify import conf
from opencex.notify.adapters import ADAPTERS


@checks.register()
def check_notification_adapters(**kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for channel in ("email", "sms"):
        name = conf.adapter_name(channel)
        if name not in ADAPTERS or channel not in ADAPTERS[name].channels:
            errors.append(
                checks.Error(
                    f"OPENCEX_NOTIFICATIONS[{channel!r}] is {name!r}, which cannot send {channel}.",
                    hint=f"Choose one of {sorted(ADAPTERS)} that sends {channel}.",
                    id="notify.E001",
                )
            )
        elif name == "govuk_notify":
            missing = [
                setting
                for setting, value in (
                    ("GOVUK_NOTIFY_API_KEY", conf.govuk_notify_api_key()),
                    (
                        f"GOVUK_NOTIFY_{channel.upper()}_TEMPLATE_ID",
                        conf.govuk_notify_template_id(channel),
                    ),
                )
                if not value
            ]
            if missing:
                errors.append(
                    checks.Error(
                        f"GOV.UK Notify sends {channel} but {', '.join(missing)} is not set.",
                        hint="Set it in the environment; see the notify app's conf.py.",
                        id="notify.E002",
                    )
                )
    return errors
