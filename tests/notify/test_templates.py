"""Message templates: every one renders in plain text, and every text message fits 3 fragments.
(Every letter for every kind and event: test_every_letter.py.)"""

import datetime as dt

import pytest
import time_machine

from opencex.cases.models import CaseKind, Status
from opencex.notify import conf
from opencex.notify.letters import resident_context
from opencex.notify.rendering import SMS_MAX_LENGTH, UnknownTemplate, render_message, template_names
from tests.factories import CaseFactory

TEMPLATES = [
    "case_closed",
    "case_expected_date_revised",
    "case_likely_late",
    "case_marked_duplicate",
    "case_received",
    "case_status_changed",
    "case_taking_longer",
    "message_to_resident",
    "staff_case_assigned",
    "staff_case_due_soon",
    "staff_resident_replied",
]
# Messages that name the service, never the subject the sender typed.
NO_FREE_TEXT = frozenset({"case_expected_date_revised", "case_likely_late", "case_taking_longer"})
SMS_TEMPLATES = [name for name in TEMPLATES if not name.startswith("staff_")]
# Messages tested with their own app, which gives them context of their own: a saved form's
# link, the complaint letters (tests/complaints) and the information-rights notices
# (tests/inforights).
OTHER_TEMPLATES = [
    "complaint_escalated",
    "complaint_extended",
    "complaint_response",
    "form_saved",
    "information_request_decision",
    "information_request_extended",
    "information_request_fees_notice",
    "information_request_lapsed",
    "staff_compliment_received",
    # rendered by tests/people/test_support_needs.py
    "staff_support_review_due",
    # rendered by tests/bookings/test_messages.py
    "booking_cancelled",
    "booking_confirmed",
    "booking_moved",
    "booking_refused",
    # rendered by tests/bincollections/test_reminders.py
    "bin_reminder",
    "bin_reminders_confirm",
    # rendered by tests/yousaidwedid/test_messages.py
    "change_made",
    # rendered by tests/surveys/test_messages.py
    "survey_invitation",
    "survey_reminder",
    # the panels' messages (tests/panels/test_messages.py renders each).
    "panel_confirm",
    "panel_invitation",
    "panel_joined",
    "panel_parental_consent",
    "panel_still_happy",
]
LONG_MESSAGE = (
    "Thank you for the photos of the damp in your kitchen. Our surveyor, Priya, will visit on "
    "Tuesday 3 June between 8am and 12pm. Please make sure someone over 18 is at home and that "
    "we can get to the wall behind the fridge. If that time does not suit you, tell us and we "
    "will find another. We will then send you a plan of the work and when it will be done. "
) * 2


@pytest.fixture(autouse=True)
def _a_wednesday_in_june():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def realistic_context(**overrides) -> dict:
    case = CaseFactory.build(
        reference="HSG-2025-0004217",
        kind=CaseKind.COMPLAINT,
        stage=1,
        status=Status.IN_PROGRESS,
        contact_name="Siobhan O'Brien-Whitfield",
        subject="Damp & mould in the kitchen of my council flat on Blackbird Leys Road",
        acknowledged_on=dt.date(2025, 6, 4),
        outcome="We repaired the extractor fan & treated the wall for mould.",
    )
    context = resident_context(case, recipient=case.contact_email, channel="email") | {
        "staff_case_url": conf.staff_case_url(case.reference),
        "new_due_on": dt.date(2025, 7, 2),
        "reason": "We are waiting for a report from the surveyor.",
        "note": "The surveyor will contact you to arrange a visit.",
        "message": "Our surveyor will visit on Tuesday 3 June between 8am and 12pm.",
        "officer_name": "Gareth Llewellyn-Jones",
    }
    return context | overrides


def test_the_expected_templates_are_there():
    assert template_names() == sorted(TEMPLATES + OTHER_TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES)
def test_email_renders_in_plain_text_with_the_reference(template):
    message = render_message(template, "email", realistic_context())

    assert "HSG-2025-0004217" in message.subject
    assert "\n" not in message.subject
    assert "HSG-2025-0004217" in message.body
    assert "{" not in message.body + message.subject
    assert "&amp;" not in message.body + message.subject
    assert "\n\n\n" not in message.body


@pytest.mark.parametrize("template", SMS_TEMPLATES)
def test_text_message_fits_in_three_fragments(template):
    body = render_message(template, "sms", realistic_context()).body

    assert len(body) < SMS_MAX_LENGTH
    assert "HSG-2025-0004217" in body
    assert "{" not in body


@pytest.mark.parametrize("template", SMS_TEMPLATES)
def test_text_message_uses_only_plain_characters(template):
    # A curly quote or a dash outside the GSM alphabet turns a text into Unicode: 70 characters a
    # fragment instead of 153, and three times the cost.
    body = render_message(template, "sms", realistic_context()).body

    assert body.isascii(), [character for character in body if not character.isascii()]


@pytest.mark.parametrize("status", [status for status, _ in Status.choices])
def test_status_change_text_message_fits_for_every_status(status):
    context = realistic_context()
    context["case"].status = status

    body = render_message("case_status_changed", "sms", context).body

    assert len(body) < SMS_MAX_LENGTH


def test_long_caseworker_message_is_cut_short_in_a_text_with_a_link_to_read_it_all():
    body = render_message(
        "message_to_resident", "sms", realistic_context(message=LONG_MESSAGE)
    ).body

    assert len(body) < SMS_MAX_LENGTH
    assert body.isascii()
    assert "Read it all and reply at http://127.0.0.1:8000/track/HSG-2025-0004217" in body


def test_caseworker_message_arrives_whole_by_email():
    message = render_message(
        "message_to_resident", "email", realistic_context(message=LONG_MESSAGE)
    )

    assert LONG_MESSAGE.strip() in message.body
    assert "Gareth Llewellyn-Jones at Oxford City Council has sent you a message" in message.body


def test_complaint_received_email_names_the_stage_the_date_and_how_to_track_it():
    context = realistic_context()
    context["case"].acknowledged_on = None
    context = resident_context(context["case"], recipient="x@example.org", channel="email")

    body = render_message("case_received", "email", context).body

    assert "We have received your complaint." in body
    assert "Complaint Handling Code" in body
    assert "This is stage 1." in body
    assert "within 5 working days: by Wednesday 11 June 2025." in body
    assert "http://127.0.0.1:8000/track/HSG-2025-0004217" in body
    assert "call us on 01865 249811" in body


def test_closed_email_asks_for_a_rating():
    case = realistic_context()["case"]
    case.kind, case.stage = CaseKind.SERVICE_REQUEST, None
    context = resident_context(case, recipient=case.contact_email, channel="email")

    body = render_message("case_closed", "email", context).body

    assert "rate how we handled your request" in body
    assert "http://127.0.0.1:8000/track/HSG-2025-0004217/feedback" in body


def test_links_start_at_the_site_url_setting(settings):
    settings.OPENCEX_SITE_URL = "https://www.oxford.gov.uk/my-requests/"

    body = render_message("case_received", "email", realistic_context()).body

    assert "https://www.oxford.gov.uk/my-requests/track/HSG-2025-0004217" in body
    assert ":8000" not in body


def test_unknown_template_is_a_clear_error():
    with pytest.raises(UnknownTemplate, match=r"notify/no_such_message/subject\.txt"):
        render_message("no_such_message", "email", realistic_context())


def test_staff_template_has_no_text_message():
    with pytest.raises(UnknownTemplate):
        render_message("staff_case_assigned", "sms", realistic_context())
