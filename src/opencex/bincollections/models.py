"""Reminder subscriptions: an address and where to send the reminder, nothing more, and a
record of each reminder sent so that none is sent twice for one collection."""

from __future__ import annotations

from django.db import models


class ReminderChannel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class ReminderSubscription(models.Model):
    """Reminders the evening before each collection at an address, by email or text message.

    Stored minimally: the address, the channel, the email address or phone number and the
    language to write in. It sends
    nothing until confirmed (by the emailed link or the texted code); one unconfirmed for a week
    is removed by the daily job, and unsubscribing removes it."""

    address = models.ForeignKey(
        "people.Property", on_delete=models.CASCADE, related_name="bin_reminders"
    )
    channel = models.CharField(max_length=8, choices=ReminderChannel.choices)
    recipient = models.CharField(max_length=254)
    # In every link (confirm, unsubscribe): a secret that only the recipient is sent.
    token = models.CharField(max_length=64, unique=True)
    # A text message's six-digit code, as an HMAC; blank once confirmed or for email.
    code_digest = models.CharField(max_length=64, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    # The language of the page it was asked for on: the confirmation and every reminder use it.
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["address", "channel", "recipient"], name="one_bin_reminder_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"Bin reminders for {self.address} by {self.get_channel_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class ReminderSent(models.Model):
    subscription = models.ForeignKey(
        ReminderSubscription, on_delete=models.CASCADE, related_name="sent"
    )
    collection_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "collection_on"], name="one_bin_reminder_per_collection"
            )
        ]
