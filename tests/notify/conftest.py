from collections.abc import Iterator

import pytest

from tests.notify.fake_govuk_notify import FakeNotify


@pytest.fixture
def fake_notify(settings) -> Iterator[FakeNotify]:
    """A local GOV.UK Notify, with Django's settings pointing at it (adapters left unchanged)."""
    fake = FakeNotify()
    fake.start()
    settings.GOVUK_NOTIFY_API_KEY = fake.api_key
    settings.GOVUK_NOTIFY_BASE_URL = fake.base_url
    settings.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID = fake.email_template.id
    settings.GOVUK_NOTIFY_SMS_TEMPLATE_ID = fake.sms_template.id
    yield fake
    fake.stop()
