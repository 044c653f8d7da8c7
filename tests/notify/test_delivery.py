"""Sending a queued notification: failures are recorded and retried, and nothing goes twice."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.jobs.queue import enqueue
from opencex.notify.models import NotificationStatus
from opencex.notify.services import notify_resident
from opencex.notify.tasks import MAX_SEND_ATTEMPTS, send_notification
from tests.factories import CaseFactory, ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_retries():
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY)


def make_retries_due() -> None:
    waiting_retries().update(run_after=timezone.now())


def test_email_is_retried_while_the_mail_server_is_down_and_sent_once_it_is_back(
    smtp_server, run_jobs
):
    case = CaseFactory(resident=ResidentFactory(), reference="SR-2025-000200")
    smtp_server.stop()
    notification = notify_resident(case=case, template="case_received")

    run_jobs()

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.QUEUED
    assert notification.attempts == 1
    assert "ConnectionRefusedError" in notification.error
    retry = waiting_retries().get()
    assert retry.args_kwargs == {"args": [notification.pk], "kwargs": {"attempt": 2}}
    assert retry.run_after > timezone.now() + timedelta(seconds=20)

    smtp_server.start()
    make_retries_due()
    run_jobs()

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 2
    assert notification.error == ""
    assert [message["Subject"] for message in smtp_server.messages] == [
        "We have received your request (SR-2025-000200)"
    ]


def test_sent_notification_is_not_sent_again_if_its_job_runs_twice(smtp_server, run_jobs):
    notification = notify_resident(
        case=CaseFactory(resident=ResidentFactory()), template="case_received"
    )
    run_jobs()

    enqueue(send_notification, notification.pk)
    run_jobs()

    assert len(smtp_server.messages) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_notification_is_failed_after_the_last_attempt(smtp_server, run_jobs):
    smtp_server.stop()
    notification = notify_resident(
        case=CaseFactory(resident=ResidentFactory()), template="case_received"
    )
    DBTaskResult.objects.all().delete()

    enqueue(send_notification, notification.pk, attempt=MAX_SEND_ATTEMPTS)
    run_jobs()

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert "ConnectionRefusedError" in notification.error
    assert not waiting_retries().exists()
