"""Notifications: one row per message to a resident or an officer, which is also its record."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationChannel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    # Claimed by one worker, which is handing it to the provider now; nobody else may send it.
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


OUTBOX_ADAPTER = "outbox"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def outbox(self) -> NotificationQuerySet:
        """Messages "sent" without leaving the building (text messages in development), newest
        first: the outbox that staff read instead of a phone."""
        return self.filter(adapter=OUTBOX_ADAPTER, status=NotificationStatus.SENT).order_by(
            "-sent_at", "-id"
        )

    def failed(self) -> NotificationQuerySet:
        return self.filter(status=NotificationStatus.FAILED)

    def unfinished(self) -> NotificationQuerySet:
        """Messages not yet sent or given up on: waiting for a worker, or being sent now."""
        return self.filter(status__in=[NotificationStatus.QUEUED, NotificationStatus.SENDING])


class Notification(models.Model):
    # The rendered message is kept as sent, so the record shows what the person actually read.
    channel = models.CharField(max_length=8, choices=NotificationChannel.choices)
    recipient = models.CharField(max_length=254, help_text="An email address or a phone number.")
    template = models.CharField(max_length=64)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    # The language the message was written in (notify.language), as data names it: "en", "pl".
    language = models.CharField(max_length=8, default="en")

    # Messages hold personal data, so they go with the case or the resident they were about.
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    resident = models.ForeignKey(
        "people.Resident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    status = models.CharField(
        max_length=8, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    adapter = models.CharField(max_length=32, help_text="smtp, outbox or govuk_notify.")
    provider_reference = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    # When the current send began: a row left sending long after this was claimed by a worker
    # that died mid-send, and what reached the provider is unknown (see notify.delivery).
    claimed_at = models.DateTimeField(null=True, blank=True)
    unconfirmed_sends = models.PositiveSmallIntegerField(
        default=0,
        help_text="Sends whose outcome was never recorded (the worker died), so sent again.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-created_at"]),
            models.Index(fields=["resident", "-created_at"]),
            models.Index(fields=["adapter", "status", "-sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="sent_notification_has_sent_at",
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.recipient}: {self.template}"

    @property
    def reference(self) -> str:
        """Our reference for this message at the provider; it holds no personal data."""
        return f"opencex-notification-{self.pk}"
