"""Contract tests for the GOV.UK Notify adapter, against a local imitation of Notify's v2 API."""

import time
import uuid

import jwt
import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.notify.adapters import DeliveryError, DeliveryRejected
from opencex.notify.adapters.govuk_notify import GovukNotifyAdapter
from opencex.notify.models import NotificationStatus
from opencex.notify.services import notify_resident
from tests.conftest import free_port
from tests.factories import CaseFactory, ResidentFactory
from tests.notify.fake_govuk_notify import TEAM_ONLY_MESSAGE, NotifyError


def test_email_is_sent_with_the_generic_template_and_notifys_id_is_returned(fake_notify):
    provider_id = GovukNotifyAdapter().send_email(
        "amara@example.org", "Your request", "Dear Amara,\n\nThank you.", "opencex-notification-7"
    )

    [sent] = fake_notify.sent
    assert provider_id == sent["id"]
    assert sent["channel"] == "email"
    assert sent["json"] == {
        "email_address": "amara@example.org",
        "template_id": fake_notify.email_template.id,
        "personalisation": {"subject": "Your request", "body": "Dear Amara,\n\nThank you."},
        "reference": "opencex-notification-7",
    }


def test_text_message_is_sent_with_the_generic_template_and_notifys_id_is_returned(fake_notify):
    provider_id = GovukNotifyAdapter().send_sms(
        "07700900123", "We have your request.", "opencex-notification-8"
    )

    [sent] = fake_notify.sent
    assert provider_id == sent["id"]
    assert sent["json"] == {
        "phone_number": "07700900123",
        "template_id": fake_notify.sms_template.id,
        "personalisation": {"body": "We have your request."},
        "reference": "opencex-notification-8",
    }


def test_requests_are_signed_with_the_api_keys_secret_for_the_service(fake_notify):
    GovukNotifyAdapter().send_sms("07700900123", "Hello", "opencex-notification-9")

    claims = fake_notify.sent[0]["claims"]
    assert claims["iss"] == fake_notify.service_id
    assert abs(time.time() - claims["iat"]) < 5


def test_notify_refusing_a_recipient_is_a_clear_rejection(fake_notify):
    fake_notify.rejected_recipients.add("stranger@example.org")

    with pytest.raises(DeliveryRejected) as rejected:
        GovukNotifyAdapter().send_email("stranger@example.org", "Hi", "Body", "ref-1")

    assert (
        str(rejected.value) == f"GOV.UK Notify answered 400: BadRequestError: {TEAM_ONLY_MESSAGE}"
    )


def test_wrong_api_key_is_a_clear_rejection(fake_notify, settings):
    settings.GOVUK_NOTIFY_API_KEY = f"stolen-{fake_notify.service_id}-{uuid.uuid4()}"

    with pytest.raises(DeliveryRejected, match="403: AuthError: Invalid token"):
        GovukNotifyAdapter().send_sms("07700900123", "Hello", "ref-2")

    assert fake_notify.sent == []


def test_template_for_the_wrong_channel_is_a_clear_rejection(fake_notify, settings):
    settings.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID = fake_notify.sms_template.id

    with pytest.raises(DeliveryRejected, match="400: BadRequestError: Template not found"):
        GovukNotifyAdapter().send_email("amara@example.org", "Hi", "Body", "ref-3")


def test_notify_out_of_reach_is_a_failure_worth_retrying(settings):
    settings.GOVUK_NOTIFY_API_KEY = f"key-{uuid.uuid4()}-{uuid.uuid4()}"
    settings.GOVUK_NOTIFY_BASE_URL = f"http://127.0.0.1:{free_port()}"

    with pytest.raises(DeliveryError) as failure:
        GovukNotifyAdapter().send_email("amara@example.org", "Hi", "Body", "ref-4")

    assert not isinstance(failure.value, DeliveryRejected)
    assert "503" in str(failure.value)


def test_fake_refuses_a_token_issued_long_ago(fake_notify):
    # The fake must be as strict as Notify, or the contract tests above would prove nothing.
    token = jwt.encode(
        {"iss": fake_notify.service_id, "iat": int(time.time()) - 120},
        fake_notify.secret,
        algorithm="HS256",
        headers={"typ": "JWT"},
    )

    with pytest.raises(NotifyError) as refused:
        fake_notify.handle("sms", {"Authorization": f"Bearer {token}"}, b"{}")

    assert refused.value.status_code == 403
    assert refused.value.body["errors"][0]["error"] == "AuthError"


def test_fake_refuses_a_body_with_properties_notify_does_not_know(fake_notify):
    token = jwt.encode(
        {"iss": fake_notify.service_id, "iat": int(time.time())},
        fake_notify.secret,
        algorithm="HS256",
        headers={"typ": "JWT"},
    )
    body = (
        b'{"phone_number": "07700900123", "template_id": "%s", "personalization": {"body": "x"}}'
        % fake_notify.sms_template.id.encode()
    )

    with pytest.raises(NotifyError, match="personalization was unexpected"):
        fake_notify.handle(
            "sms",
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            body,
        )


@pytest.mark.django_db(transaction=True)
def test_resident_notification_goes_through_notify_when_configured(fake_notify, settings, run_jobs):
    settings.OPENCEX_NOTIFICATIONS = {"email": "govuk_notify", "sms": "govuk_notify"}
    resident = ResidentFactory(preferred_channel="sms", consents_to_sms=True, phone="07700900125")
    case = CaseFactory(resident=resident, reference="SR-2025-000300")

    notification = notify_resident(case=case, template="case_received")
    run_jobs()

    notification.refresh_from_db()
    [sent] = fake_notify.sent
    assert notification.status == NotificationStatus.SENT
    assert notification.adapter == "govuk_notify"
    assert notification.provider_reference == sent["id"]
    assert sent["json"]["reference"] == f"opencex-notification-{notification.pk}"
    assert "SR-2025-000300" in sent["json"]["personalisation"]["body"]


@pytest.mark.django_db(transaction=True)
def test_notify_rejection_fails_the_notification_without_retrying(fake_notify, settings, run_jobs):
    settings.OPENCEX_NOTIFICATIONS = {"email": "govuk_notify", "sms": "outbox"}
    resident = ResidentFactory(email="not-on-the-team@example.org")
    fake_notify.rejected_recipients.add(resident.email)

    notification = notify_resident(case=CaseFactory(resident=resident), template="case_received")
    run_jobs()

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 1
    assert notification.error == f"GOV.UK Notify answered 400: BadRequestError: {TEAM_ONLY_MESSAGE}"
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
