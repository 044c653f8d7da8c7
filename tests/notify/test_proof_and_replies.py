"""What a letter may repeat, and how it says to reply: the sender's own words only to a proven
address; "reply to this email" where the council reads replies, never "do not reply" to someone
who wrote through a request site."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
import time_machine
from django.conf import settings

from opencex.cases.models import CaseKind, Channel
from opencex.notify.delivery import reply_address
from opencex.notify.models import Notification
from opencex.notify.services import notify_resident
from tests.factories import CaseFactory, ResidentFactory, UserFactory
from tests.forms.conftest import (  # noqa: F401 - the fixtures the form journey needs
    FormWalker,
    fill_in,
    forms,
    missed_bin_pages,
    services,
)

pytestmark = pytest.mark.django_db
PHISHING = "URGENT refund of 450 pounds: claim it at http://evil.example/claim"


@pytest.fixture(autouse=True)
def _a_wednesday_in_june():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_an_anonymous_web_form_gets_no_echo_of_what_was_typed(client, forms):  # noqa: F811
    walker = FormWalker(client, "report-missed-bin")
    fill_in(walker, missed_bin_pages())
    walker.submit()

    [email] = Notification.objects.filter(template="case_received")
    case = email.case
    assert case.channel == Channel.WEB
    assert case.subject not in email.body
    assert case.contact_name not in email.body
    assert "12 Cowley Road" not in email.body + email.subject
    assert email.body.startswith("Hello,")
    assert "your report of missed bin" in email.body  # the test catalogue's "Report missed bin"
    assert f"enter the reference {case.reference} and the email address you gave us" in email.body
    assert f"/track/{case.reference}" in email.body


def test_free_text_typed_with_an_unproven_address_is_never_sent_to_it():
    case = CaseFactory(subject=PHISHING, contact_name=PHISHING, description=PHISHING)

    email = notify_resident(case=case, template="case_received")

    assert "evil.example" not in email.subject + email.body


def test_a_signed_in_residents_own_account_address_gets_their_words_back():
    account = UserFactory(email="amara@example.org")
    resident = ResidentFactory(full_name="Amara Okafor", email="amara@example.org", user=account)
    case = CaseFactory(resident=resident, subject="Green bin missed on Iffley Road")

    email = notify_resident(case=case, template="case_received")

    assert email.body.startswith("Dear Amara Okafor,")
    assert 'What you told us: "Green bin missed on Iffley Road"' in email.body


def test_an_officers_phone_contact_is_proven_and_an_email_intake_is_not():
    officer = UserFactory(role="contact_centre")
    by_phone = CaseFactory(channel=Channel.PHONE, created_by=officer, subject="Bins on Iffley Road")
    by_email = CaseFactory(channel=Channel.EMAIL, created_by=officer, subject="Bins on Iffley Road")

    phoned = notify_resident(case=by_phone, template="case_received")
    emailed = notify_resident(case=by_email, template="case_received")

    assert "Bins on Iffley Road" in phoned.body
    assert "Bins on Iffley Road" not in emailed.body


def test_where_the_council_reads_replies_the_email_says_reply_and_sets_reply_to():
    case = CaseFactory(kind=CaseKind.FOI)

    email = notify_resident(case=case, template="case_received")

    assert "Reply to this email" in email.body
    assert "do not reply" not in email.body
    assert reply_address(email) == "foi@oxford.gov.uk"


def test_without_a_mailbox_the_email_says_do_not_reply(monkeypatch):
    no_inbox = replace(
        settings.COUNCIL_PROFILE,
        inbox=replace(settings.COUNCIL_PROFILE.inbox, mailboxes=(), reply_to=""),
    )
    monkeypatch.setattr(settings, "COUNCIL_PROFILE", no_inbox)
    case = CaseFactory(kind=CaseKind.FOI)

    email = notify_resident(case=case, template="case_received")

    assert "Please do not reply to this email" in email.body
    assert reply_address(email) == ""


def test_a_request_site_user_is_never_told_not_to_reply(monkeypatch):
    no_inbox = replace(
        settings.COUNCIL_PROFILE,
        inbox=replace(settings.COUNCIL_PROFILE.inbox, mailboxes=(), reply_to=""),
    )
    monkeypatch.setattr(settings, "COUNCIL_PROFILE", no_inbox)
    case = CaseFactory(
        kind=CaseKind.FOI,
        channel=Channel.EMAIL,
        contact_email="foi+request-123-abc@whatdotheyknow.com",
        answers={"request_site": "WhatDoTheyKnow", "request_site_reference": "123"},
    )

    email = notify_resident(case=case, template="case_received")

    assert "do not reply" not in email.body.lower()
    assert re.search(r"Email us at \S+@oxford\.gov\.uk", email.body)
