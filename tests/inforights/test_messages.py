"""The register's messages: each renders in plain text for every kind of request, and its text
message fits three plain fragments."""

import datetime as dt

import pytest

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Channel, Status
from opencex.notify.letters import resident_context
from opencex.notify.rendering import SMS_MAX_LENGTH, render_message
from tests.factories import CaseFactory, UserFactory

TEMPLATES = [
    "information_request_decision",
    "information_request_extended",
    "information_request_fees_notice",
    "information_request_lapsed",
]
KINDS = [CaseKind.FOI, CaseKind.EIR, CaseKind.SAR, CaseKind.FOI_INTERNAL_REVIEW]


def _context(kind, channel: str = "email") -> dict:
    # Taken by an officer on the phone, so the address is proven and the letter may say what
    # was asked (notify.letters: typed text is never echoed to an unproven address).
    case = CaseFactory.build(
        reference="FOI-2026-0004217",
        kind=kind,
        status=Status.RESPONDED,
        channel=Channel.PHONE,
        created_by=UserFactory.build(role=Role.INFORMATION_GOVERNANCE),
        contact_name="Siobhan O'Brien-Whitfield",
        contact_email="siobhan@example.org",
        subject="Damp & mould reports for Blackbird Leys, 2020 to 2025",
        received_on=dt.date(2026, 1, 19),
        clock_started_on=dt.date(2026, 1, 19),
        is_extended=True,  # for the public interest: the 40th working day, 16 March 2026
        due_on=dt.date(2026, 3, 16),
    )
    return resident_context(case, recipient=case.contact_email, channel=channel) | {
        "decision": "Information released in part",
        "response": "The totals are attached. We withheld the names of tenants.",
        "reason": "We are weighing the public interest in releasing contractors' rates.",
        "told_within": "the first 20 working days",
        "amount": "25.00",
        "pay_by": dt.date(2026, 5, 8),
        "fees_notice_on": dt.date(2026, 2, 9),
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_each_email_renders_in_plain_text_with_the_reference(template, kind):
    message = render_message(template, "email", _context(kind))
    assert "FOI-2026-0004217" in message.subject
    assert "FOI-2026-0004217" in message.body
    assert "Damp & mould" in message.body
    assert "{" not in message.subject + message.body
    assert "\n\n\n" not in message.body


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_each_text_message_fits_three_plain_fragments(template, kind):
    body = render_message(template, "sms", _context(kind, "sms")).body
    assert len(body) < SMS_MAX_LENGTH
    assert body.isascii(), [character for character in body if not character.isascii()]
    assert "FOI-2026-0004217" in body


def test_an_eir_response_offers_reconsideration_under_regulation_11():
    body = render_message("information_request_decision", "email", _context(CaseKind.EIR)).body
    assert "regulation 11" in body
    assert "0303 123 1113" in body


def test_an_extension_for_the_public_interest_cites_section_10_3():
    body = render_message("information_request_extended", "email", _context(CaseKind.FOI)).body
    assert "section 10(3)" in body
    assert "Monday 16 March 2026" in body
