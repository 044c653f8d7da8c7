"""The council's Residents Panel and Youth Panel, and the people who joined them (issue 15).

A member is a `people.Resident` with a membership. The profile answers a member gives (age band,
ward, tenure and the rest) are held on the membership, optional and with consent, so that the
panel's make-up can be compared with the city's and a survey can draw a stratified sample
(`surveys` reads `Membership.objects.active()`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opencex.audit.records import AuditQuerySet, AuditRecord


class PanelKind(models.TextChoices):
    RESIDENTS = "residents", "Residents Panel"
    YOUTH = "youth", "Youth Panel"


class Panel(models.Model):
    """One panel of the council; its capacity is set by the council."""

    kind = models.CharField(max_length=16, choices=PanelKind.choices, unique=True)
    name = models.CharField(max_length=120)
    capacity = models.PositiveIntegerField()
    # The Youth Panel's age range (13-24); blank for the Residents Panel.
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    MEMBER = "member", "Member"
    # A Youth Panel member under 16 until a parent or carer agrees (not yet a member).
    AWAITING_PARENTAL_CONSENT = "awaiting_parental_consent", "Awaiting parental consent"
    # The panel was full when they asked; they join when a place comes free.
    WAITING_LIST = "waiting_list", "On the waiting list"
    # Asked for on the public form: nothing is real until the link emailed (or texted) to the
    # address given is used; deleted with its answers when not confirmed in time.
    AWAITING_CONFIRMATION = "awaiting_confirmation", "Awaiting email confirmation"


class ContactBy(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        """Members who have joined and not left (the frame surveys sample from): not those still
        waiting for a parent's agreement or for a place."""
        return self.filter(left_at__isnull=True, status=MembershipStatus.MEMBER)

    def to_refresh(self) -> MembershipQuerySet:
        """Who is asked each year whether they are still happy to be on the panel: members and
        the waiting list, not those still waiting for a parent or for their own confirmation."""
        return self.filter(left_at__isnull=True).exclude(
            status__in=[
                MembershipStatus.AWAITING_PARENTAL_CONSENT,
                MembershipStatus.AWAITING_CONFIRMATION,
            ]
        )

    def current(self) -> MembershipQuerySet:
        """Everyone who has not left, waiting or not (one a resident may hold per panel)."""
        return self.filter(left_at__isnull=True)


class Membership(models.Model):
    """A resident on a panel. The profile fields are the strata a survey's sample is drawn by;
    each is blank when the member chose not to say."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="memberships")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="panel_memberships"
    )
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    # When the member last said they are still happy to be on the panel (the yearly refresh).
    confirmed_at = models.DateTimeField()
    consent_given = models.BooleanField(default=False)
    age_band = models.CharField(max_length=32, blank=True)
    ward = models.CharField(max_length=100, blank=True)
    tenure = models.CharField(max_length=32, blank=True)
    status = models.CharField(
        max_length=32, choices=MembershipStatus.choices, default=MembershipStatus.MEMBER
    )
    contact_by = models.CharField(max_length=8, choices=ContactBy.choices, default=ContactBy.EMAIL)
    # When "are you still happy to be on the panel?" was last sent; cleared when they confirm.
    refresh_sent_at = models.DateTimeField(null=True, blank=True)
    # What an application from the public form holds until it is confirmed (the number typed,
    # whether texts were agreed, the parent's details, the language): emptied on confirmation,
    # deleted with the membership when it is not confirmed in time.
    application = models.JSONField(default=dict, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "resident"],
                condition=models.Q(left_at__isnull=True),
                name="panels_one_active_membership_per_panel",
            ),
            models.CheckConstraint(
                name="panels_membership_with_consent", condition=models.Q(consent_given=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident} on {self.panel}"


class PanelProfile(models.Model):
    """A member's special-category answers (UK GDPR Art. 9: ethnic group, and disability as
    health data) and main language, given with explicit consent for one purpose: checking that
    the panel looks like the city. Never shown one by one: only counted in groups with small
    numbers suppressed (panels.representativeness). Deleted, not blanked, when they leave."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="profile")
    ethnic_group = models.CharField(max_length=32, blank=True)
    disability = models.CharField(max_length=32, blank=True)
    main_language = models.CharField(max_length=32, blank=True)
    consented_at = models.DateTimeField()
    purpose = models.CharField(max_length=400)

    def __str__(self) -> str:
        return f"Profile of membership {self.membership_id}"


class ParentalConsent(models.Model):
    """A Youth Panel member under 16: their parent's or carer's name and email, and when the
    parent agreed through the signed link emailed to them. Deleted when the member leaves."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="parental_consent"
    )
    parent_name = models.CharField(max_length=200)
    parent_email = models.EmailField()
    requested_at = models.DateTimeField()
    given_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Parental consent for membership {self.membership_id}"


class ModerationStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting moderation"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class MemberMessage(models.Model):
    """What a member told the council in their own words when they joined. From a Youth Panel
    member it waits for a moderator before any other officer sees it."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="messages")
    text = models.TextField(max_length=2000)
    status = models.CharField(
        max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.AWAITING
    )
    written_at = models.DateTimeField()
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Message {self.pk} ({self.status})"


class PanelInvitation(models.Model):
    """A resident who agreed to research, invited to join a panel to close a gap: once each."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="invitations")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="panel_invitations"
    )
    invited_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "resident"], name="panels_one_invitation_per_resident"
            )
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk} to {self.panel}"


class PanelEvent(AuditRecord):
    """What happened on a panel: joined, left (and why), confirmed, removed at the refresh,
    contact details read, a message moderated, an invitation sent. An audit record: never edited
    or deleted, so it names the membership by number only and holds no personal details (which
    go when a member leaves)."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="events")
    membership_number = models.PositiveBigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)
    detail = models.CharField(max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.panel}: {self.action}"
