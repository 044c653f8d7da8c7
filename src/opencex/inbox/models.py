"""Every email that reached one of the council's mailboxes, kept as it arrived, what became of
it, and what officers did with the ones held for them or that could not be read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class InboundStatus(models.TextChoices):
    RECEIVED = "received", "Received, not yet read"
    CASE_OPENED = "case_opened", "Opened a case"
    ADDED_TO_CASE = "added_to_case", "Added to a case"
    IGNORED = "ignored", "Ignored (automatic reply or bounce)"
    HELD = "held", "Held for an officer"
    FAILED = "failed", "Could not be read"
    NOT_A_REQUEST = "not_a_request", "Not a request (set aside by an officer)"


# What an officer must look at: we could not tell safely where these belong, or could not read them.
WAITING_FOR_AN_OFFICER = frozenset({InboundStatus.HELD, InboundStatus.FAILED})


class InboundEmailQuerySet(models.QuerySet["InboundEmail"]):
    def held(self) -> InboundEmailQuerySet:
        """Emails an officer must look at: we could not tell safely where they belong."""
        return self.filter(status=InboundStatus.HELD)

    def waiting_for_an_officer(self) -> InboundEmailQuerySet:
        """Held emails and those that could not be read: each needs an officer's decision."""
        return self.filter(status__in=WAITING_FOR_AN_OFFICER)

    def dealt_with_by_an_officer(self) -> InboundEmailQuerySet:
        """Emails an officer made a decision about (see OfficerAction)."""
        return self.filter(models.Exists(OfficerAction.objects.filter(email=models.OuterRef("pk"))))


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


class OfficerActionKind(models.TextChoices):
    ADDED_TO_CASE = "added_to_case", "Added to a case"
    CASE_OPENED = "case_opened", "Opened a case"
    READ_AGAIN = "read_again", "Sent to be read again"
    NOT_A_REQUEST = "not_a_request", "Set aside as not a request"


class AppendOnlyQuerySet(models.QuerySet["OfficerAction"]):
    def update(self, **kwargs):
        raise TypeError("What officers did with emails is an append-only record.")


class OfficerAction(models.Model):
    """Who did what with a held or unread email, and when: the evidence that nothing sent to the
    council was lost or set aside unseen. Never edited."""

    email = models.ForeignKey(InboundEmail, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=16, choices=OfficerActionKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # as the email itself: it goes with the case
        related_name="+",
    )
    reason = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.actor_id} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("What officers did with emails is an append-only record.")
        super().save(*args, **kwargs)
