"""The complaint messages render in plain text, and their text messages fit three fragments in
plain characters (see tests/notify/test_templates.py for why)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings

from opencex.cases.models import CaseKind, Status
from opencex.complaints.letters import ResponseLetter, response_context
from opencex.complaints.ombudsmen import ombudsman
from opencex.notify import conf
from opencex.notify.rendering import SMS_MAX_LENGTH, render_message
from tests.factories import CaseFactory, UserFactory

RESIDENT_TEMPLATES = ["complaint_response", "complaint_extended", "complaint_escalated"]


def context(stage: int = 2, slug: str = "housing-ombudsman") -> dict:
    case = CaseFactory.build(
        reference="CP-7KQM-3XHD",
        kind=CaseKind.COMPLAINT,
        stage=stage,
        status=Status.RESPONDED,
        contact_name="Siobhan O'Brien-Whitfield",
        subject="Damp & mould in the kitchen of my council flat on Blackbird Leys Road",
        due_on=dt.date(2026, 1, 9),
    )
    letter = ResponseLetter(
        stage=stage,
        outcome="partly_upheld",
        complaint_as_understood="You told us the damp & mould came back after our repair.",
        decision_and_reasons="We partly uphold it: the fan was fitted but not tested.",
        apology=True,
        remedy_action="We will test the fan and treat the wall.",
        remedy_amount=Decimal("150.00"),
        still_to_do="The surveyor visits on 3 February.",
    )
    officer = UserFactory.build(full_name="Gareth Llewellyn-Jones")
    return {
        "council": settings.COUNCIL_PROFILE,
        "case": case,
        "name": case.contact_name,
        "track_url": conf.case_tracking_url(case.reference),
        "reason": "We are waiting for a surveyor's report on the damp & mould.",
        "days": 20,
        **response_context(letter, ombudsman=ombudsman(slug), officer=officer),
    }


@pytest.mark.parametrize("template", RESIDENT_TEMPLATES)
@pytest.mark.parametrize("slug", ["housing-ombudsman", "lgsco", "pso-wales"])
def test_the_text_message_fits_three_fragments_in_plain_characters(template, slug):
    body = render_message(template, "sms", context(slug=slug)).body

    assert len(body) < SMS_MAX_LENGTH, len(body)
    assert body.isascii(), [character for character in body if not character.isascii()]
    assert "CP-7KQM-3XHD" in body


@pytest.mark.parametrize("template", RESIDENT_TEMPLATES)
def test_the_email_is_plain_text_with_the_reference(template):
    message = render_message(template, "email", context())

    assert "CP-7KQM-3XHD" in message.subject
    assert "CP-7KQM-3XHD" in message.body
    assert "&amp;" not in message.body + message.subject  # plain text, never HTML-escaped
    assert "{" not in message.body + message.subject
    assert "\n\n\n" not in message.body


def test_the_final_response_text_message_names_the_ombudsman_and_its_phone():
    body = render_message("complaint_response", "sms", context(stage=2)).body

    assert "Housing Ombudsman Service: 0300 111 3000" in body


def test_the_extension_text_message_names_the_ombudsman_at_either_stage():
    for stage in (1, 2):
        body = render_message("complaint_extended", "sms", context(stage=stage, slug="lgsco")).body
        assert "Local Government and Social Care Ombudsman: 0300 061 0614" in body


def test_the_staff_compliment_message_renders():
    message = render_message(
        "staff_compliment_received",
        "email",
        {
            "council": settings.COUNCIL_PROFILE,
            "name": "Sam Okafor",
            "case": CaseFactory.build(reference="CM-7KQM-3XHD"),
            "praised": "Sam Okafor and Westgate Library desk",
            "why": "you",
            "words": "So patient & kind.",
            "feed_url": "http://127.0.0.1:8000/staff/compliments/",
        },
    )

    assert message.subject == "A compliment for Sam Okafor and Westgate Library desk (CM-7KQM-3XHD)"
    assert "So patient & kind." in message.body
