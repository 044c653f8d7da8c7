"""Email intake end to end: smtplib → our receiving SMTP server on loopback → the kept email →
the real worker → a case, or a message on the case the email continues."""

import datetime as dt
import smtplib
from zoneinfo import ZoneInfo

import pytest

from opencex.cases.models import Case, CaseEvent, CaseKind, Channel, EventKind
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.notify.models import Notification
from tests.inbox.mail import EXE, PDF, PNG, compose

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = ZoneInfo("Europe/London")


def test_an_foi_request_emailed_on_a_saturday_counts_from_the_next_working_day(
    receiver, smtp_server, run_jobs
):
    receiver.arrives_at = dt.datetime(2025, 8, 16, 14, 5, tzinfo=LONDON)  # Saturday

    receiver.send(compose(to="foi@oxford.gov.uk", sender="Priya Shah <priya@example.org>"))
    run_jobs()

    case = Case.objects.get()
    assert (case.kind, case.channel) == (CaseKind.FOI, Channel.EMAIL)
    assert case.received_on == dt.date(2025, 8, 16)
    # Day 1 is Monday 18 August; 25 August (England) is skipped: the 20th working day is 15 Sep.
    assert case.due_on == dt.date(2025, 9, 15)
    assert (case.contact_name, case.contact_email) == ("Priya Shah", "priya@example.org")
    assert case.subject == "Parking fines issued in 2024"
    assert case.description == "How many parking fines did the council issue in 2024?"


def test_the_date_of_receipt_is_the_london_date_of_arrival(receiver, smtp_server, run_jobs):
    # 23:30 UTC on a summer Sunday is 00:30 on Monday in London.
    receiver.arrives_at = dt.datetime(2025, 6, 29, 23, 30, tzinfo=dt.UTC)

    receiver.send(compose(to="subjectaccess@oxford.gov.uk", subject="All my data"))
    run_jobs()

    case = Case.objects.get()
    assert case.kind == CaseKind.SAR
    assert case.received_on == dt.date(2025, 6, 30)
    assert case.due_on == dt.date(2025, 7, 30)


def test_the_acknowledgement_carries_the_reference_and_asks_for_replies_to_the_mailbox(
    receiver, smtp_server, run_jobs
):
    receiver.send(compose(to="foi@oxford.gov.uk"))
    run_jobs()

    case = Case.objects.get()
    [acknowledgement] = smtp_server.messages
    assert acknowledgement["To"] == "priya@example.org"
    assert case.reference in acknowledgement["Subject"]
    assert acknowledgement["Reply-To"] == "foi@oxford.gov.uk"
    assert Notification.objects.get().provider_reference == acknowledgement["Message-ID"]


def test_a_reply_to_our_acknowledgement_is_added_to_the_case_without_the_quoted_text(
    receiver, smtp_server, run_jobs
):
    receiver.send(compose(to="foi@oxford.gov.uk"))
    run_jobs()
    [acknowledgement] = smtp_server.messages

    reply = compose(
        to="foi@oxford.gov.uk",
        subject="Re: a question about my request",  # the subject alone names no case
        text="I meant penalty charge notices only.\n\nOn Mon, Priya wrote:\n> Dear Priya",
        headers={"In-Reply-To": acknowledgement["Message-ID"]},
    )
    receiver.send(reply)
    run_jobs()

    case = Case.objects.get()
    message = case.events.get(kind=EventKind.MESSAGE_IN)
    assert message.actor is None  # from the resident, not from a member of staff
    assert message.data["channel"] == Channel.EMAIL
    assert message.body.endswith("I meant penalty charge notices only.")
    assert "Dear Priya" not in message.body
    reply_kept = InboundEmail.objects.get(message_id=reply["Message-ID"])
    assert (reply_kept.status, reply_kept.case) == (InboundStatus.ADDED_TO_CASE, case)


def test_a_reply_naming_the_reference_in_its_subject_is_added_to_the_case(
    receiver, smtp_server, run_jobs
):
    receiver.send(compose(to="complaints@oxford.gov.uk", subject="Rude officer"))
    run_jobs()
    case = Case.objects.get()

    receiver.send(
        compose(to="customerservices@oxford.gov.uk", subject=f"More about {case.reference}")
    )
    run_jobs()

    assert Case.objects.count() == 1
    assert case.events.filter(kind=EventKind.MESSAGE_IN).exists()


def test_a_reply_from_another_address_is_held_for_an_officer_not_added(
    receiver, smtp_server, run_jobs
):
    receiver.send(compose(to="foi@oxford.gov.uk"))
    run_jobs()
    case = Case.objects.get()

    receiver.send(compose(sender="someone.else@example.net", subject=f"Re: {case.reference}"))
    run_jobs()

    held = InboundEmail.objects.held().get()
    assert held.case == case
    assert "someone.else@example.net" in held.note
    assert not case.events.filter(kind=EventKind.MESSAGE_IN).exists()


def test_the_same_email_delivered_twice_makes_one_case(receiver, smtp_server, run_jobs):
    email = compose(to="foi@oxford.gov.uk")

    receiver.send(email)
    receiver.send(email)
    run_jobs()

    assert Case.objects.count() == 1
    assert InboundEmail.objects.count() == 1
    assert len(smtp_server.messages) == 1  # one acknowledgement


def test_a_whatdotheyknow_request_and_its_follow_up_join_one_case(receiver, smtp_server, run_jobs):
    site_address = "Jane Doe <foi+request-123456-0a1b2c3d@whatdotheyknow.com>"
    receiver.send(
        compose(
            sender=site_address,
            subject="Freedom of Information request - Tree felling in Cutteslowe Park",
        )
    )
    run_jobs()
    receiver.send(
        compose(
            sender=site_address,
            subject="Internal review of Freedom of Information request - Tree felling in "
            "Cutteslowe Park",
            text="Please pass this on to the person who conducts internal reviews.",
        )
    )
    run_jobs()

    case = Case.objects.get()
    assert case.subject == "Tree felling in Cutteslowe Park"
    assert case.contact_name == "Jane Doe"
    assert case.answers["request_site"] == "WhatDoTheyKnow"
    assert case.answers["request_site_reference"] == "123456"
    message = case.events.get(kind=EventKind.MESSAGE_IN)
    assert "person who conducts internal reviews" in message.body


def test_an_automatic_reply_is_recorded_and_makes_no_case(receiver, smtp_server, run_jobs):
    receiver.send(
        compose(
            subject="Automatic reply: Parking fines",
            text="I am out of the office until Monday.",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    run_jobs()

    assert not Case.objects.exists()
    ignored = InboundEmail.objects.get()
    assert ignored.status == InboundStatus.IGNORED
    assert "auto-replied" in ignored.note
    assert smtp_server.messages == []  # and nothing sent back to start a loop


def test_a_bounce_with_no_return_address_makes_no_case(receiver, smtp_server, run_jobs):
    receiver.send(compose(sender="Mail Delivery System <bounces@example.org>"), sender="<>")
    run_jobs()

    assert not Case.objects.exists()
    assert InboundEmail.objects.get().status == InboundStatus.IGNORED


def test_an_attached_photo_is_stored_on_the_new_case(receiver, smtp_server, run_jobs):
    receiver.send(
        compose(
            to="customerservices@oxford.gov.uk",
            files=(("fly-tipping.png", PNG, "image/png"), ("letter.pdf", PDF, "application/pdf")),
        )
    )
    run_jobs()

    case = Case.objects.get()
    assert sorted(case.attachments.values_list("original_name", "content_type")) == [
        ("fly-tipping.png", "image/png"),
        ("letter.pdf", "application/pdf"),
    ]


def test_an_attached_program_is_refused_and_noted_on_the_case(receiver, smtp_server, run_jobs):
    receiver.send(compose(files=(("invoice.pdf.exe", EXE, "application/octet-stream"),)))
    run_jobs()

    case = Case.objects.get()
    assert not case.attachments.exists()
    note = case.events.get(kind=EventKind.NOTE)
    assert note.summary == "Email attachment not accepted: invoice.pdf.exe"
    assert not note.is_visible_to_resident


def test_a_file_sent_with_a_reply_is_stored_and_a_program_noted(receiver, smtp_server, run_jobs):
    receiver.send(compose())
    run_jobs()
    [acknowledgement] = smtp_server.messages

    receiver.send(
        compose(
            subject="Re: proof of address",
            headers={"In-Reply-To": acknowledgement["Message-ID"]},
            files=(("bill.pdf", PDF, "application/pdf"), ("run.exe", EXE, "application/x-exe")),
        )
    )
    run_jobs()

    case = Case.objects.get()
    assert list(case.attachments.values_list("original_name", flat=True)) == ["bill.pdf"]
    assert case.events.filter(kind=EventKind.NOTE, summary__contains="run.exe").exists()


def test_an_html_only_email_becomes_plain_text(receiver, smtp_server, run_jobs):
    receiver.send(
        compose(
            text=None,
            html="<html><style>p {color: red}</style><body><p>Dear council,</p>"
            "<p>How many trees&nbsp;were planted?</p></body></html>",
        )
    )
    run_jobs()

    assert Case.objects.get().description == "Dear council,\n\nHow many trees were planted?"


def test_mail_for_an_address_that_is_not_a_council_mailbox_is_refused_at_the_door(receiver):
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        receiver.send(compose(to="someone@oxford.gov.uk"))

    assert not InboundEmail.objects.exists()


def test_a_new_case_is_logged_by_the_intake_account_which_cannot_sign_in(
    receiver, smtp_server, run_jobs
):
    receiver.send(compose())
    run_jobs()

    created = CaseEvent.objects.get(kind=EventKind.CREATED)
    assert created.actor.full_name == "Email intake"
    assert not created.actor.has_usable_password()
