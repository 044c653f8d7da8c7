"""The survey invitation and reminder, by email and text message, in each language."""

import datetime as dt

import pytest
from django.conf import settings

from opencex.notify.rendering import SMS_MAX_LENGTH, render_message

CONTEXT = {
    "survey_title": "Residents Panel winter survey",
    "survey_url": "https://oxford.example/surveys/AbCdEfGhIjKlMnOpQrStUvWxYz012345:x-Yz0123456789abcdefghijklmnopq/",
    "closes_on": dt.date(2026, 12, 31),
}


@pytest.mark.parametrize("template", ["survey_invitation", "survey_reminder"])
@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_the_message_has_the_link_and_the_closing_day(template, language):
    context = {"council": settings.COUNCIL_PROFILE, **CONTEXT}
    for channel in ("email", "sms"):
        message = render_message(template, channel, context, language=language)
        assert CONTEXT["survey_url"] in message.body
        if channel == "sms":
            assert len(message.body) < SMS_MAX_LENGTH
    email = render_message(template, "email", context, language="en")
    assert "31 December 2026" in email.body
    assert "Residents Panel winter survey" in email.subject
