"""Background tasks for notifications: thin, idempotent, retried."""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager

from django.db import transaction

from opencex.jobs.batches import Call, prepares_batch
from opencex.jobs.queue import enqueue
from opencex.jobs.retries import task_with_retries
from opencex.notify.adapters import DeliveryRejected
from opencex.notify.delivery import SendInProgress, deliver_notification, reading_ahead

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 5


@task_with_retries(max_attempts=MAX_SEND_ATTEMPTS, give_up_on=(DeliveryRejected,))
def send_notification(notification_id: int, *, attempt: int = 1) -> None:
    try:
        deliver_notification(
            notification_id=notification_id, is_last_attempt=attempt >= MAX_SEND_ATTEMPTS
        )
    except SendInProgress as busy:
        # Not a failure and not an attempt: look again when the other worker's lease runs out,
        # in case it died before recording the outcome.
        logger.info("%s; looking again at %s", busy, busy.check_at.isoformat())
        with transaction.atomic():
            enqueue(
                send_notification.using(run_after=busy.check_at), notification_id, attempt=attempt
            )


@prepares_batch(send_notification)
def read_notifications_ahead(calls: list[Call]) -> AbstractContextManager[None]:
    """When the worker runs a batch of these jobs, read their notifications in one query."""
    return reading_ahead(args[0] if args else kwargs["notification_id"] for args, kwargs in calls)
