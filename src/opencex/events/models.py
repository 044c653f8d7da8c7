"""The outbox of events, who subscribes to them, each delivery's state, and the messages a
receiver has already applied."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q


class Event(models.Model):
    """Something that happened, written in the transaction that made it happen.

    The id is the cursor a receiver replays from: ids only grow. Events of one subject (one case)
    are written under that subject's row lock, so their ids are in the order they happened."""

    topic = models.CharField(max_length=64)
    subject_type = models.CharField(max_length=32)
    subject_id = models.CharField(max_length=64)
    data = models.JSONField(encoder=DjangoJSONEncoder)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Set when the fan-out task has made this event's deliveries; null marks the outbox's backlog.
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "id"]),
            models.Index(
                fields=["id"], condition=Q(fanned_out_at__isnull=True), name="events_backlog"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.topic} {self.subject_type}:{self.subject_id}"

    @property
    def webhook_id(self) -> str:
        """The message id every delivery and replay of this event carries (`webhook-id`)."""
        return f"evt_{self.pk}"


class Subscription(models.Model):
    """A back-office system's webhook: which topics go to which address, signed with its secret.

    The secret is shown once, when the subscription is made; it is kept because every delivery
    is signed with it (HMAC needs the key itself, not a hash)."""

    name = models.CharField(max_length=100, unique=True)
    url = models.URLField(max_length=500, validators=[URLValidator(schemes=["https", "http"])])
    secret = models.CharField(max_length=100, editable=False)
    topics = models.JSONField(
        default=list,
        help_text='Topics to receive, e.g. ["case.created", "case.status_changed"]; '
        '"case.*" for every case topic, "*" for all.',
    )
    is_active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    # The partner account whose API token may pull these topics from GET /api/v1/events.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_subscriptions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERING = "delivering", "Being sent"
    DELIVERED = "delivered", "Delivered"
    DEAD = "dead", "Dead letter"


class Delivery(models.Model):
    """One event to one subscription: claimed before each attempt, so two jobs never send it at
    once and a delivery left "being sent" by a dead worker is sent again after its lease."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscription"], name="one_delivery_per_event_and_subscription"
            )
        ]
        indexes = [models.Index(fields=["subscription", "status", "event"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription} ({self.status})"


class ReceivedMessage(models.Model):
    """A message a receiver has applied, by its `webhook-id`: written in the transaction that
    applies it, so a message delivered twice is applied once (`receiving.receive_once`)."""

    receiver = models.CharField(max_length=64)
    message_id = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["receiver", "message_id"], name="each_message_applied_once"
            )
        ]
