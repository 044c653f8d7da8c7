"""Background tasks for notifications: thin, idempotent, retried."""

from __future__ import annotations

from opencex.jobs.retries import task_with_retries
from opencex.notify.adapters import DeliveryRejected
from opencex.notify.delivery import deliver_notification

MAX_SEND_ATTEMPTS = 5


@task_with_retries(max_attempts=MAX_SEND_ATTEMPTS, give_up_on=(DeliveryRejected,))
def send_notification(notification_id: int, *, attempt: int = 1) -> None:
    deliver_notification(
        notification_id=notification_id, is_last_attempt=attempt >= MAX_SEND_ATTEMPTS
    )
