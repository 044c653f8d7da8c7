"""Delivering one queued notification through its channel's adapter, and recording the outcome."""

from __future__ import annotations

import logging

from django.db.models import F
from django.utils import timezone

from opencex.notify.adapters import DeliveryRejected, adapter_for
from opencex.notify.adapters.smtp import stable_message_id
from opencex.notify.letters import reply_address_for
from opencex.notify.models import Notification, NotificationChannel, NotificationStatus

logger = logging.getLogger(__name__)


def deliver_notification(*, notification_id: int, is_last_attempt: bool) -> None:
    """Send the notification unless it has been sent already, so running it twice is harmless.

    A failure is recorded on the row and raised again for the job to retry. The row stays queued
    while a retry may still come, and becomes failed on the last attempt or when the provider
    rejects the message outright.
    """
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        logger.warning("Notification %s no longer exists; nothing to send", notification_id)
        return
    if notification.status == NotificationStatus.SENT:
        logger.info("Notification %s was sent already; not sending it again", notification_id)
        return

    adapter = adapter_for(notification.channel)
    rows = Notification.objects.filter(pk=notification.pk)
    try:
        if notification.channel == NotificationChannel.EMAIL:
            provider_reference = adapter.send_email(
                notification.recipient,
                notification.subject,
                notification.body,
                notification.reference,
                reply_to=reply_address(notification),
                message_id=stable_message_id(notification.reference),
            )
        else:
            provider_reference = adapter.send_sms(
                notification.recipient, notification.body, notification.reference
            )
    except Exception as error:
        gives_up = is_last_attempt or isinstance(error, DeliveryRejected)
        rows.update(
            status=NotificationStatus.FAILED if gives_up else NotificationStatus.QUEUED,
            attempts=F("attempts") + 1,
            adapter=adapter.name,
            error=str(error),
        )
        raise
    rows.update(
        status=NotificationStatus.SENT,
        attempts=F("attempts") + 1,
        adapter=adapter.name,
        provider_reference=provider_reference,
        error="",
        sent_at=timezone.now(),
    )


def reply_address(notification: Notification) -> str:
    """Where the person a case is for should reply (the rule the message's wording follows too):
    the council's mailbox for that kind of case. Officers' emails get none."""
    case = notification.case
    if case is None:
        return ""
    return reply_address_for(case, notification.recipient)
