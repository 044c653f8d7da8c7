"""Reading an email: its sender, text and files, the thread it answers, and whether a machine
sent it."""

import pytest

from opencex.inbox.parsing import message_id_of, read_email
from opencex.inbox.plain_text import without_quoted_reply
from tests.inbox.mail import PNG, compose


def test_the_sender_name_and_address_are_read_from_the_from_header():
    email = read_email(compose(sender='"O\'Brien, Siobhan" <Siobhan@Example.org>').as_bytes())
    assert (email.sender_name, email.sender_address) == ("O'Brien, Siobhan", "siobhan@example.org")


def test_in_reply_to_and_references_are_the_thread_it_answers():
    email = read_email(
        compose(
            headers={"In-Reply-To": "<b@council>", "References": "<a@council> <b@council>"}
        ).as_bytes()
    )
    assert email.thread_ids == ("<b@council>", "<a@council>", "<b@council>")


def test_an_email_without_a_message_id_is_known_by_its_content():
    message = compose()
    del message["Message-ID"]
    raw = message.as_bytes()
    assert message_id_of(raw) == message_id_of(raw)
    assert message_id_of(raw) != message_id_of(raw + b"\nmore")


def test_a_plain_text_part_is_preferred_to_its_html_twin():
    email = read_email(compose(text="Plain words", html="<p>Fancy words</p>").as_bytes())
    assert email.text == "Plain words"
    assert email.files == ()  # the HTML twin is not a file


def test_a_picture_inside_the_html_is_not_taken_for_an_attachment():
    message = compose(text=None, html='<p>Hello</p><img src="cid:logo">')
    # As Outlook sends a logo in a signature: inline, named, and referred to by its Content-ID.
    message.add_related(
        PNG,
        maintype="image",
        subtype="png",
        cid="<logo>",
        disposition="inline",
        filename="image001.png",
    )
    email = read_email(message.as_bytes())
    assert email.text == "Hello"
    assert email.files == ()


def test_an_unknown_charset_is_read_as_far_as_possible():
    raw = (
        b"From: a@example.org\r\nTo: foi@oxford.gov.uk\r\nSubject: Hi\r\n"
        b"Content-Type: text/plain; charset=x-unknown-charset\r\n\r\nPlease help\r\n"
    )
    assert read_email(raw).text == "Please help"


@pytest.mark.parametrize(
    ("headers", "sender", "reason"),
    [
        ({"Auto-Submitted": "auto-generated"}, "a@example.org", "Auto-Submitted"),
        ({"Precedence": "bulk"}, "a@example.org", "Precedence: bulk"),
        ({"X-Autoreply": "yes"}, "a@example.org", "X-Autoreply"),
        ({"Return-Path": "<>"}, "a@example.org", "no return address"),
        ({}, "MAILER-DAEMON@example.org", "a bounce from"),
    ],
)
def test_mail_a_machine_sent_is_recognised(headers, sender, reason):
    email = read_email(compose(sender=sender, headers=headers).as_bytes())
    assert reason in email.automatic_because


def test_an_out_of_office_subject_is_recognised_as_automatic():
    email = read_email(compose(subject="Out of Office: Parking fines").as_bytes())
    assert email.automatic_because


def test_a_person_writing_about_an_office_is_not_taken_for_a_machine():
    email = read_email(
        compose(subject="Noise out of office hours", headers={"Auto-Submitted": "no"}).as_bytes()
    )
    assert email.automatic_because == ""


def test_an_outlook_reply_loses_the_original_message_below_it():
    text = "Here is my proof of address.\n\n-----Original Message-----\nFrom: Oxford"
    assert without_quoted_reply(text) == "Here is my proof of address."


def test_a_reply_written_below_the_quote_is_kept_whole():
    text = "> Which year?\n2024, please."
    assert without_quoted_reply(text) == text


def test_reply_and_forward_prefixes_are_not_part_of_a_new_case_subject():
    email = read_email(compose(subject="RE: Fwd: re: Bins on Iffley Road").as_bytes())
    assert email.subject_without_prefixes == "Bins on Iffley Road"
