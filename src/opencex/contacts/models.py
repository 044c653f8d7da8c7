"""A contact with the council logged by an officer, so first-contact resolution and demand by
channel can be reported even when no case is opened."""

from __future__ import annotations

import builtins

from django.conf import settings
from django.db import models
from django.utils import timezone

from opencex.cases.models import Channel
from opencex.contacts import lines
from opencex.contacts.triage import TriageOutcome


class Outcome(models.TextChoices):
    RESOLVED = "resolved_at_first_contact", "Resolved at first contact"
    SIGNPOSTED = "signposted", "Signposted to another organisation"
    CASE_OPENED = "case_opened", "Case opened"


# Both end the contact there and then: they count towards first-contact resolution. A signposting
# may be recorded with any outcome (`Contact.is_signposted`); only the outcome is counted here.
RESOLVED_OUTCOMES = frozenset({Outcome.RESOLVED, Outcome.SIGNPOSTED})


class Contact(models.Model):
    """One call, visit, letter or email handled by an officer."""

    resident = models.ForeignKey(
        "people.Resident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        help_text="Empty for a caller who did not give their name.",
    )
    property = models.ForeignKey(
        "people.Property",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        help_text="The address the contact was about, if any.",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="logged_contacts"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    place = models.CharField(
        max_length=64, blank=True, help_text="The council profile's place, for a visit or outreach."
    )
    service = models.ForeignKey(
        "catalogue.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text="What the contact was about.",
    )
    phone_line = models.CharField(
        max_length=64, blank=True, help_text="The council profile's phone line, for a call."
    )
    # Kept as it was when the call came in, so reports do not change if the profile does.
    is_vulnerable_line = models.BooleanField(default=False)
    outcome = models.CharField(max_length=32, choices=Outcome.choices)
    # What the officer said, or the directory entry's name when they picked one: the text stays
    # readable if the entry is later removed from the directory.
    signposted_to = models.CharField(max_length=200, blank=True)
    signposted_service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signpostings",
        help_text="The partner directory entry the resident was signposted to, if it is listed.",
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)
    # The vulnerable residents line's triage script, when the officer walked it (contacts.triage):
    # yes/no by question id, and where the answers led.
    triage_answers = models.JSONField(default=dict, blank=True)
    triage_outcome = models.CharField(max_length=24, choices=TriageOutcome.choices, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at", "channel"]),
            models.Index(fields=["resident", "-at"]),
            models.Index(fields=["property", "-at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="contact_case_only_when_case_opened",
                condition=(models.Q(outcome="case_opened") & models.Q(case__isnull=False))
                | (~models.Q(outcome="case_opened") & models.Q(case__isnull=True)),
            ),
            models.CheckConstraint(
                name="contact_signposting_says_where",
                condition=~models.Q(outcome="signposted") | ~models.Q(signposted_to=""),
            ),
            models.CheckConstraint(
                name="contact_phone_line_only_for_calls",
                condition=models.Q(channel="phone")
                | models.Q(phone_line="", is_vulnerable_line=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} contact, {self.get_outcome_display()}"

    @builtins.property  # the field named `property` shadows the builtin in this class body
    def is_resolved_at_first_contact(self) -> bool:
        return self.outcome in RESOLVED_OUTCOMES

    @builtins.property
    def is_signposted(self) -> bool:
        """The resident was pointed to a partner, whatever the outcome of the contact."""
        return bool(self.signposted_to)

    @builtins.property
    def place_name(self) -> str:
        return lines.place_name(self.place) if self.place else ""

    @builtins.property
    def phone_line_name(self) -> str:
        return lines.phone_line_name(self.phone_line) if self.phone_line else ""
