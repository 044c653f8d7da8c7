"""Case emails thread: a Message-ID that stays the same on every attempt, and a Reply-To that
reaches the council's mailbox (where the inbox app reads replies onto the case)."""

import pytest

from opencex.cases.models import CaseKind
from opencex.notify.adapters.smtp import stable_message_id
from opencex.notify.services import notify_resident, notify_staff
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_case_email_goes_with_the_message_id_every_attempt_would_use(smtp_server, run_jobs):
    notification = notify_resident(case=CaseFactory(), template="case_received")
    run_jobs()

    [message] = smtp_server.messages
    notification.refresh_from_db()
    assert message["Message-ID"] == stable_message_id(notification.reference)
    assert notification.provider_reference == message["Message-ID"]


def test_a_message_id_cannot_be_worked_out_without_the_secret_key(settings):
    before = stable_message_id("opencex-notification-7")
    settings.SECRET_KEY = "another-secret-" * 4
    assert stable_message_id("opencex-notification-7") != before
    assert stable_message_id("opencex-notification-7").endswith("@oxford.gov.uk>")


def test_a_resident_is_asked_to_reply_to_the_mailbox_for_their_kind_of_case(smtp_server, run_jobs):
    notify_resident(case=CaseFactory(kind=CaseKind.SAR), template="case_received")
    notify_resident(case=CaseFactory(kind=CaseKind.SERVICE_REQUEST), template="case_received")
    run_jobs()

    assert sorted(message["Reply-To"] for message in smtp_server.messages) == [
        "customerservices@oxford.gov.uk",
        "subjectaccess@oxford.gov.uk",
    ]


def test_an_officers_email_about_a_case_has_no_reply_to(smtp_server, run_jobs):
    officer = UserFactory(role="caseworker")
    notify_staff(user=officer, template="staff_case_assigned", context={"case": CaseFactory()})
    run_jobs()

    [message] = smtp_server.messages
    assert message["Reply-To"] is None
