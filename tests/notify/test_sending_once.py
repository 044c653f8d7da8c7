"""A message is claimed before it is sent, so a job that runs twice (or twice at once) sends it
once, and a message left "sending" by a worker that died is checked or sent again, by rule."""

from datetime import timedelta

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.notify.adapters.smtp import drop_connection, stable_message_id
from opencex.notify.delivery import SendInProgress, claim_for_sending, deliver_notification
from opencex.notify.models import Notification, NotificationStatus
from opencex.notify.services import notify_resident
from tests.conftest import free_port
from tests.factories import CaseFactory, ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)

LEASE = timedelta(seconds=300)


@pytest.fixture(autouse=True)
def _short_send_lease(settings):
    settings.OPENCEX_NOTIFICATION_SEND_LEASE_SECONDS = LEASE.total_seconds()


def queued_notification() -> Notification:
    notification = notify_resident(
        case=CaseFactory(resident=ResidentFactory()), template="case_received"
    )
    DBTaskResult.objects.all().delete()  # each test runs the sending itself
    return notification


def left_sending_by_a_dead_worker(notification: Notification, *, unconfirmed: int = 0) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING,
        claimed_at=timezone.now() - LEASE - timedelta(seconds=1),
        attempts=1,
        unconfirmed_sends=unconfirmed,
    )


def test_a_second_claim_on_a_message_being_sent_is_refused_until_its_lease_ends(smtp_server):
    notification = queued_notification()

    first = claim_for_sending(notification.pk)
    with pytest.raises(SendInProgress) as busy:
        claim_for_sending(notification.pk)

    assert first is not None
    assert busy.value.check_at == first.claimed_at + LEASE


def test_a_claimed_email_records_its_message_id_before_it_is_sent(smtp_server):
    notification = queued_notification()

    claim_for_sending(notification.pk)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENDING
    assert notification.provider_reference == stable_message_id(notification.reference)
    assert smtp_server.messages == []


def test_a_job_for_a_message_another_worker_is_sending_sends_nothing_and_looks_again_later(
    smtp_server, run_jobs
):
    from opencex.jobs.queue import enqueue
    from opencex.notify.tasks import send_notification

    notification = queued_notification()
    claim = claim_for_sending(notification.pk)
    enqueue(send_notification, notification.pk, attempt=2)

    run_jobs()

    assert smtp_server.messages == []
    look_again = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert look_again.run_after == claim.claimed_at + LEASE
    assert look_again.args_kwargs == {"args": [notification.pk], "kwargs": {"attempt": 2}}


def test_an_email_left_sending_by_a_dead_worker_is_sent_once_more_with_the_same_message_id(
    smtp_server,
):
    notification = queued_notification()
    left_sending_by_a_dead_worker(notification)

    deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.unconfirmed_sends == 1
    assert [m["Message-ID"] for m in smtp_server.messages] == [
        stable_message_id(notification.reference)
    ]


def test_an_email_whose_resend_was_also_lost_is_failed_for_an_officer_not_sent_a_third_time(
    smtp_server,
):
    notification = queued_notification()
    left_sending_by_a_dead_worker(notification, unconfirmed=1)

    deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert "not sending it again" in notification.error
    assert smtp_server.messages == []


def test_a_message_still_within_its_send_lease_is_not_taken_over(smtp_server):
    notification = queued_notification()
    claim_for_sending(notification.pk)

    with (
        time_machine.travel(timezone.now() + LEASE - timedelta(seconds=5)),
        pytest.raises(SendInProgress),
    ):
        deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    assert smtp_server.messages == []


def test_a_message_notify_accepted_before_its_worker_died_is_recorded_not_sent_again(
    fake_notify, settings
):
    settings.OPENCEX_NOTIFICATIONS = {"email": "govuk_notify", "sms": "govuk_notify"}
    notification = queued_notification()
    claim_for_sending(notification.pk)
    from opencex.notify.adapters.govuk_notify import GovukNotifyAdapter

    accepted = GovukNotifyAdapter().send_email(
        notification.recipient, notification.subject, notification.body, notification.reference
    )
    left_sending_by_a_dead_worker(notification)

    deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_reference == accepted
    assert len(fake_notify.sent) == 1


def test_a_message_notify_never_received_is_sent_when_its_worker_died(fake_notify, settings):
    settings.OPENCEX_NOTIFICATIONS = {"email": "govuk_notify", "sms": "govuk_notify"}
    notification = queued_notification()
    left_sending_by_a_dead_worker(notification)

    deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    notification.refresh_from_db()
    [sent] = fake_notify.sent
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_reference == sent["id"]
    assert sent["json"]["reference"] == notification.reference


def test_a_failed_message_is_not_sent_by_a_late_duplicate_job(smtp_server):
    notification = queued_notification()
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.FAILED)

    deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    assert smtp_server.messages == []


class PeerCountingHandler:
    def __init__(self) -> None:
        self.peers: list[tuple[str, int]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.peers.append(session.peer)
        return "250 Message accepted for delivery"


def test_a_worker_sends_one_message_after_another_over_one_smtp_connection(settings):
    handler = PeerCountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    try:
        for _ in range(3):
            notification = queued_notification()
            deliver_notification(notification_id=notification.pk, is_last_attempt=False)
    finally:
        drop_connection()
        controller.stop()

    assert len(handler.peers) == 3
    assert len(set(handler.peers)) == 1
