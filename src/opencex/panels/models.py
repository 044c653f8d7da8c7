"""The council's Residents Panel and Youth Panel, and the people who joined them (issue 15).

A member is a `people.Resident` with a membership. The profile answers a member gives (age band,
ward, tenure and the rest) are held on the membership, optional and with consent, so that the
panel's make-up can be compared with the city's and a survey can draw a stratified sample
(`surveys` reads `Membership.objects.active()`).
"""

from __future__ import annotations

from django.db import models


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


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        """Members who have joined and not left (the frame surveys sample from)."""
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
