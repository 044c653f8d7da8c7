"""The "you said, we did" message: its email and text message, in English and right to left."""

import pytest

from opencex.cases.models import CaseKind
from opencex.notify.letters import resident_context
from opencex.notify.rendering import SMS_MAX_LENGTH, render_message
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _context(case, channel):
    return resident_context(case, recipient="x@example.org", channel=channel) | {
        "change_title": "More benches in South Park",
        "we_did": "We put six new benches along the path.",
        "change_url": "https://www.example.org/you-said-we-did/#change-7",
    }


def test_the_email_names_the_change_the_case_and_the_page():
    case = CaseFactory(kind=CaseKind.COMMENT, reference="CO-2026-000042")
    message = render_message("change_made", "email", _context(case, "email"))
    assert message.subject == "You said, we did: More benches in South Park"
    assert "reference CO-2026-000042" in message.body
    assert "We put six new benches along the path." in message.body
    assert "https://www.example.org/you-said-we-did/#change-7" in message.body


def test_the_text_message_fits_in_three_fragments_with_the_link():
    case = CaseFactory(kind=CaseKind.COMPLAINT)
    message = render_message("change_made", "sms", _context(case, "sms"), language="ar")
    assert len(message.body) <= SMS_MAX_LENGTH
    assert message.language == "ar"
    assert "https://www.example.org/you-said-we-did/#change-7" in message.body
