"""notify_resident end to end: the real queue, the real worker, a real SMTP server on loopback."""

import logging

import pytest
from django.conf import settings
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from opencex.notify.models import Notification, NotificationStatus
from opencex.notify.services import notify_resident
from tests.factories import CaseFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_email_arrives_at_the_mail_server_with_the_reference(smtp_server, run_jobs):
    account = UserFactory(email="amara@example.org")
    resident = ResidentFactory(full_name="Amara Okafor", email="amara@example.org", user=account)
    case = CaseFactory(resident=resident, reference="SR-2025-000123", subject="Missed bin")

    notification = notify_resident(case=case, template="case_received")
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "amara@example.org"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert message["Subject"] == "We have received your request (SR-2025-000123)"
    body = message.get_content()
    assert "Dear Amara Okafor," in body
    assert "Your reference number is SR-2025-000123." in body
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert notification.adapter == "smtp"
    assert notification.provider_reference == message["Message-ID"].strip()
    assert notification.sent_at is not None


def test_notification_records_the_message_case_resident_and_actor(smtp_server):
    officer = UserFactory(role="caseworker")
    case = CaseFactory(resident=ResidentFactory())

    notification = notify_resident(
        case=case,
        template="message_to_resident",
        extra_context={"message": "We have ordered the part.", "officer_name": "Sam"},
        actor=officer,
    )

    stored = Notification.objects.get()
    assert stored == notification
    assert stored.status == NotificationStatus.QUEUED
    assert (stored.case, stored.resident, stored.created_by) == (case, case.resident, officer)
    assert stored.template == "message_to_resident"
    assert "We have ordered the part." in stored.body
    assert smtp_server.messages == []  # nothing is sent until the worker runs


def test_text_message_preference_lands_in_the_outbox_and_sends_no_email(smtp_server, run_jobs):
    resident = ResidentFactory(preferred_channel="sms", consents_to_sms=True, phone="07700900123")
    case = CaseFactory(resident=resident, reference="SR-2025-000124")

    notify_resident(case=case, template="case_received")
    run_jobs()

    [text] = Notification.objects.outbox()
    assert text.channel == "sms"
    assert text.recipient == "07700900123"
    assert (text.adapter, text.status) == ("outbox", NotificationStatus.SENT)
    assert "SR-2025-000124" in text.body
    assert text.subject == ""
    assert smtp_server.messages == []


def test_resident_who_consented_to_nothing_is_sent_nothing(smtp_server, run_jobs):
    resident = ResidentFactory(consents_to_email=False, consents_to_sms=False)
    case = CaseFactory(resident=resident)

    assert notify_resident(case=case, template="case_received") is None
    run_jobs()

    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert smtp_server.messages == []


def test_text_message_preference_without_text_consent_falls_back_to_email(smtp_server, run_jobs):
    resident = ResidentFactory(preferred_channel="sms", consents_to_sms=False)

    notification = notify_resident(case=CaseFactory(resident=resident), template="case_received")
    run_jobs()

    assert notification.channel == "email"
    assert [message["To"] for message in smtp_server.messages] == [resident.email]


def test_letter_preference_is_emailed_when_they_agreed_to_email(smtp_server, run_jobs):
    resident = ResidentFactory(preferred_channel="letter", consents_to_email=True)

    notify_resident(case=CaseFactory(resident=resident), template="case_received")
    run_jobs()

    assert [message["To"] for message in smtp_server.messages] == [resident.email]


def test_phone_preference_without_an_email_address_sends_nothing_and_says_why(caplog):
    resident = ResidentFactory(preferred_channel="phone", email="", consents_to_sms=True)
    case = CaseFactory(resident=resident, contact_email="", reference="SR-2025-000125")

    with caplog.at_level(logging.INFO, logger="opencex.notify.services"):
        assert notify_resident(case=case, template="case_received") is None

    assert not Notification.objects.exists()
    assert "Not sending case_received for case SR-2025-000125" in caplog.text
    assert "prefers phone" in caplog.text


def test_case_without_a_resident_is_emailed_at_its_contact_address(smtp_server, run_jobs):
    case = CaseFactory(resident=None, contact_name="Tom Hale", contact_email="tom@example.org")

    notify_resident(case=case, template="case_received")
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "tom@example.org"
    # An address typed into a form is not proven: the name typed with it is not repeated.
    assert "Hello," in message.get_content()
    assert "Tom Hale" not in message.get_content()


def test_notification_in_a_rolled_back_transaction_is_never_sent(smtp_server, run_jobs):
    case = CaseFactory(resident=ResidentFactory())

    with transaction.atomic():
        notify_resident(case=case, template="case_received")
        transaction.set_rollback(True)

    run_jobs()

    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert smtp_server.messages == []
