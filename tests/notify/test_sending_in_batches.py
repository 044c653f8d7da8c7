"""`opencex worker` sends a batch of messages with one read for the batch and one claim and one
record per message, and a message read ahead is sent from that copy only while the row is
unchanged."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.jobs.queue import enqueue
from opencex.notify.adapters.govuk_notify import GovukNotifyAdapter
from opencex.notify.delivery import deliver_notification, reading_ahead, reply_address
from opencex.notify.models import Notification, NotificationStatus
from opencex.notify.services import notify_resident
from tests.factories import CaseFactory, ResidentFactory
from tests.jobs.tasks import asks_to_stop

pytestmark = pytest.mark.django_db(transaction=True)


def acknowledgements(count: int) -> list[Notification]:
    return [
        notify_resident(case=CaseFactory(resident=ResidentFactory()), template="case_received")
        for _ in range(count)
    ]


def test_the_worker_sends_each_message_of_a_batch_once_with_its_reply_address(
    smtp_server, run_jobs
):
    notifications = acknowledgements(5)

    run_jobs(command="worker", tasks_per_claim=3)

    arrived = {str(message["Message-ID"]): message for message in smtp_server.messages}
    assert len(smtp_server.messages) == 5
    for notification in notifications:
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.SENT
        message = arrived[notification.provider_reference]
        assert message["To"] == notification.recipient
        assert (message["Reply-To"] or "") == reply_address(notification)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }


def test_a_batch_costs_two_statements_a_message_and_a_few_for_the_batch(smtp_server, run_jobs):
    acknowledgements(10)

    with CaptureQueriesContext(connection) as queries:
        run_jobs(command="worker", tasks_per_claim=10)

    assert len(smtp_server.messages) == 10
    # Per message: its claim and its "sent". Per batch and run: the claim of the tasks, the read
    # of the notifications, the tasks' outcome, the heartbeat, the sweep and the goodbye. One by
    # one it was seven statements a message.
    statements = [
        query["sql"]
        for query in queries
        if query["sql"].split()[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE"}
    ]
    assert len(statements) <= 2 * 10 + 12, statements


def test_a_worker_stopped_mid_batch_gives_back_the_message_it_had_claimed_ahead(
    smtp_server, run_jobs
):
    """Sending the first message claims the next in the same commit; the worker is then told to
    stop before that message's job runs, so the message goes back to the queue unsent, not left
    "sending" for a send lease."""
    [first] = acknowledgements(1)
    enqueue(asks_to_stop, "stop")
    [second] = acknowledgements(1)

    run_jobs(command="worker", tasks_per_claim=3)

    first.refresh_from_db()
    second.refresh_from_db()
    assert [str(message["To"]) for message in smtp_server.messages] == [first.recipient]
    assert first.status == NotificationStatus.SENT
    assert second.status == NotificationStatus.QUEUED
    assert second.attempts == 1  # it was claimed ahead, then given back
    assert DBTaskResult.objects.ready().count() == 1


def test_a_message_sent_by_another_worker_after_it_was_read_ahead_is_not_sent_again(smtp_server):
    [notification] = acknowledgements(1)

    with reading_ahead([notification.pk]):
        Notification.objects.filter(pk=notification.pk).update(
            status=NotificationStatus.SENT, sent_at=timezone.now()
        )
        deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    assert smtp_server.messages == []


def test_a_message_whose_row_changed_after_it_was_read_ahead_is_sent_as_the_row_now_says(
    fake_notify, settings
):
    """Read ahead as never sent; meanwhile a worker died sending it and the row now says that an
    outcome was lost. The copy must not be used: Notify is asked first, and nothing is resent."""
    settings.OPENCEX_NOTIFICATIONS = {"email": "govuk_notify", "sms": "govuk_notify"}
    [notification] = acknowledgements(1)

    with reading_ahead([notification.pk]):
        accepted = GovukNotifyAdapter().send_email(
            notification.recipient, notification.subject, notification.body, notification.reference
        )
        Notification.objects.filter(pk=notification.pk).update(
            attempts=2,
            unconfirmed_sends=1,
            claimed_at=timezone.now() - timedelta(minutes=10),
        )
        deliver_notification(notification_id=notification.pk, is_last_attempt=False)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_reference == accepted
    assert len(fake_notify.sent) == 1
