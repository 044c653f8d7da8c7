"""Every email that reached one of the council's mailboxes, kept as it arrived, and what became
of it."""

from __future__ import annotations

from django.db import models


class InboundStatus(models.TextChoices):
    RECEIVED = "received", "Received, not yet read"
    CASE_OPENED = "case_opened", "Opened a case"
    ADDED_TO_CASE = "added_to_case", "Added to a case"
    IGNORED = "ignored", "Ignored (automatic reply or bounce)"
    HELD = "held", "Held for an officer"
    FAILED = "failed", "Could not be read"


class InboundEmailQuerySet(models.QuerySet["InboundEmail"]):
    def held(self) -> InboundEmailQuerySet:
        """Emails an officer must look at: we could not tell safely where they belong."""
        return self.filter(status=InboundStatus.HELD)


class InboundEmail(models.Model):
    """One email as received (the raw message is kept, so nothing is lost whatever the reading
    of it did), stored before it is read so that a crash or a bug never loses a request."""

    # The Message-ID header (or a hash of the message when it has none): the same email delivered
    # twice, or fetched twice from a mailbox, is stored and acted on once.
    message_id = models.CharField(max_length=500, unique=True)
    mailbox = models.EmailField(help_text="The council address it was delivered to.")
    envelope_sender = models.CharField(
        max_length=500, blank=True, help_text="SMTP MAIL FROM; empty for a bounce."
    )
    sender = models.CharField(max_length=500, blank=True, help_text="The From header.")
    subject = models.CharField(max_length=500, blank=True)
    raw = models.BinaryField()
    received_at = models.DateTimeField(help_text="When the email reached the council.")

    status = models.CharField(
        max_length=16, choices=InboundStatus.choices, default=InboundStatus.RECEIVED
    )
    note = models.CharField(max_length=500, blank=True, help_text="Why it ended as it did.")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # holds personal data: it goes with the case
        related_name="inbound_emails",
    )
    processed_at = models.DateTimeField(null=True, blank=True)

    objects = InboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.sender or self.envelope_sender or 'unknown'}: {self.subject}"
