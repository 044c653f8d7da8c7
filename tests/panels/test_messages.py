"""The panels' messages, rendered as they are sent: each has what it must (the leave link in
every message to a member), and the texts fit in three fragments."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.notify.rendering import SMS_MAX_LENGTH, render_message

pytestmark = pytest.mark.django_db

LEAVE = "https://www.example.org/panels/leave/abc/"


@pytest.mark.parametrize("status", ["member", "waiting_list", "awaiting_parental_consent"])
def test_the_joined_message_says_where_they_stand_and_how_to_leave(residents_panel, status):
    context = {"name": "Amara", "panel": residents_panel, "status": status, "leave_url": LEAVE}
    email = render_message("panel_joined", "email", context)
    assert "Residents Panel" in email.subject
    assert LEAVE in email.body
    text = render_message("panel_joined", "sms", context, language="pl")
    assert LEAVE in text.body
    assert len(text.body) <= SMS_MAX_LENGTH


def test_the_yearly_question_has_both_links_and_the_date(residents_panel):
    context = {
        "name": "Amara",
        "panel": residents_panel,
        "leave_url": LEAVE,
        "confirm_url": "https://www.example.org/panels/still-happy/xyz/",
        "answer_by": dt.date(2026, 12, 29),
    }
    email = render_message("panel_still_happy", "email", context)
    assert email.subject == "Are you still happy to be on the Residents Panel?"
    assert "29 December 2026" in email.body
    assert LEAVE in email.body
    text = render_message("panel_still_happy", "sms", context, language="ar")
    assert len(text.body) <= SMS_MAX_LENGTH


def test_the_parent_and_invitation_emails(youth_panel, residents_panel):
    parent = render_message(
        "panel_parental_consent",
        "email",
        {
            "parent_name": "Jo",
            "member_name": "Kai",
            "panel": youth_panel,
            "consent_url": "https://www.example.org/panels/parent/t/",
            "days": 14,
        },
    )
    assert "Kai" in parent.subject
    assert "within 14 days" in parent.body
    invitation = render_message(
        "panel_invitation",
        "email",
        {
            "name": "Lee",
            "panel": residents_panel,
            "join_url": "https://x.example/panels/residents/join/",
        },
    )
    assert "https://x.example/panels/residents/join/" in invitation.body


def test_the_confirmation_link_goes_by_email_and_by_text(residents_panel):
    context = {
        "name": "Amara",
        "panel": residents_panel,
        "confirm_url": "https://www.example.org/panels/confirm/t/",
        "days": 7,
    }
    email = render_message("panel_confirm", "email", context)
    assert email.subject == "Confirm that you want to join the Residents Panel"
    assert "https://www.example.org/panels/confirm/t/" in email.body
    assert "within 7 days" in email.body
    text = render_message("panel_confirm", "sms", context)
    assert "https://www.example.org/panels/confirm/t/" in text.body
    assert len(text.body) <= SMS_MAX_LENGTH
