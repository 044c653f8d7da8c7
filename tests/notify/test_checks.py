"""The notify system checks catch a deployment that cannot deliver."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from opencex.notify.adapters import adapter_for
from opencex.notify.checks import check_notification_adapters


def test_default_development_adapters_pass_the_checks(settings):
    settings.OPENCEX_NOTIFICATIONS = {"email": "smtp", "sms": "outbox"}

    assert check_notification_adapters() == []


def test_govuk_notify_without_its_key_and_template_fails_the_checks(settings):
    settings.OPENCEX_NOTIFICATIONS = {"email": "smtp", "sms": "govuk_notify"}
    settings.GOVUK_NOTIFY_API_KEY = ""
    settings.GOVUK_NOTIFY_SMS_TEMPLATE_ID = ""

    [error] = check_notification_adapters()

    assert error.id == "notify.E002"
    assert "GOVUK_NOTIFY_API_KEY, GOVUK_NOTIFY_SMS_TEMPLATE_ID" in error.msg


def test_adapter_that_cannot_send_the_channel_fails_the_checks(settings):
    settings.OPENCEX_NOTIFICATIONS = {"email": "smtp", "sms": "smtp"}

    [error] = check_notification_adapters()

    assert error.id == "notify.E001"
    with pytest.raises(ImproperlyConfigured, match="smtp adapter cannot send sms"):
        adapter_for("sms")
