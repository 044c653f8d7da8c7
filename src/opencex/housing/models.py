"""Tenancies, rent accounts, repairs and appointment slots as the housing management system
holds them, each keyed by that system's own reference so that an import can be run again."""

from __future__ import annotations

import builtins

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Case
from opencex.people.models import Property, Resident


class TenancyType(models.TextChoices):
    SECURE = "secure", _("Secure tenancy")
    INTRODUCTORY = "introductory", _("Introductory tenancy")
    LEASEHOLD = "leasehold", _("Leasehold")


class ChargeFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every 2 weeks")
    FOUR_WEEKLY = "four_weekly", _("Every 4 weeks")
    MONTHLY = "monthly", _("Every month")


class Tenancy(models.Model):
    """A tenancy or lease of a council home, as the housing management system records it."""

    housing_ref = models.CharField(
        max_length=40, unique=True, help_text="The housing management system's tenancy reference."
    )
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="tenancies")
    tenancy_type = models.CharField(max_length=16, choices=TenancyType.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # What the account is charged (rent, or a leaseholder's service charge), how often, and a
    # day a charge fell on: the next charge is worked out from these (housing.rent).
    charge_amount = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    charge_frequency = models.CharField(
        max_length=16, choices=ChargeFrequency.choices, default=ChargeFrequency.WEEKLY
    )
    first_charge_on = models.DateField(null=True, blank=True)
    opening_balance = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=0,
        help_text="The balance carried forward before the first transaction imported; "
        "positive is owed to the council.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "tenancies"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.get_tenancy_type_display()} {self.housing_ref}"

    @builtins.property  # the field named `property` shadows the builtin in this class body
    def is_leasehold(self) -> bool:
        return self.tenancy_type == TenancyType.LEASEHOLD


class MemberRole(models.TextChoices):
    TENANT = "tenant", _("Tenant")
    JOINT_TENANT = "joint_tenant", _("Joint tenant")
    LEASEHOLDER = "leaseholder", _("Leaseholder")
    HOUSEHOLD_MEMBER = "household_member", _("Household member")


class TenancyMember(models.Model):
    """Someone on a tenancy: the housing system's person reference, matched once to a resident
    we already know (never a resident made up by the import)."""

    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="tenancy_members")
    person_ref = models.CharField(max_length=40)
    role = models.CharField(max_length=20, choices=MemberRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tenancy", "person_ref"], name="one_member_per_person_per_tenancy"
            )
        ]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.resident} ({self.get_role_display()})"

    @property
    def is_named_on_tenancy(self) -> bool:
        """A tenant or leaseholder, who may see the rent account and report repairs."""
        return self.role != MemberRole.HOUSEHOLD_MEMBER


class TransactionKind(models.TextChoices):
    CHARGE = "charge", _("Charge")
    PAYMENT = "payment", _("Payment")
    ADJUSTMENT = "adjustment", _("Adjustment")


class RentTransaction(models.Model):
    """One line of a rent (or service charge) account. `amount` is signed as it moves the
    balance: a charge adds to what is owed, a payment takes from it."""

    transaction_ref = models.CharField(max_length=40, unique=True)
    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="transactions")
    posted_on = models.DateField()
    kind = models.CharField(max_length=16, choices=TransactionKind.choices)
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["-posted_on", "-pk"]
        indexes = [models.Index(fields=["tenancy", "posted_on"])]

    def __str__(self) -> str:
        return f"{self.posted_on} {self.kind} {self.amount}"


class Priority(models.TextChoices):
    EMERGENCY = "emergency", "Emergency"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"


class RepairStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    BOOKED = "booked", _("Visit booked")
    IN_PROGRESS = "in_progress", _("Work in progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Repair(models.Model):
    """A repair to a council home: reported in the portal (with its case), or imported from the
    housing system (with its reference), or both once the system has taken it up."""

    repair_ref = models.CharField(max_length=40, unique=True, null=True, blank=True)
    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="repairs")
    case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="repair"
    )
    room = models.CharField(max_length=40, blank=True)
    item = models.CharField(max_length=40, blank=True)
    problem = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    priority = models.CharField(max_length=16, choices=Priority.choices)
    status = models.CharField(
        max_length=16, choices=RepairStatus.choices, default=RepairStatus.REPORTED
    )
    needs_appointment = models.BooleanField(default=True)
    reported_at = models.DateTimeField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return self.repair_ref or (self.case.reference if self.case else f"repair {self.pk}")


class AppointmentSlot(models.Model):
    """A visit the repairs contractor offers. Given to one repair at most: `repair` is set
    under a row lock and unique, so two tenants can never hold the same slot."""

    slot_ref = models.CharField(max_length=40, unique=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    contractor = models.CharField(max_length=120, blank=True)
    repair = models.OneToOneField(
        Repair, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointment"
    )
    booked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                name="slot_ends_after_it_starts",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.slot_ref} {self.starts_at:%Y-%m-%d %H:%M}"


class ImportSource(models.TextChoices):
    CSV = "csv", "CSV file"
    SYSTEM = "system", "Housing management system"
    DEMO = "demo", "Demo data"


class ImportRun(models.Model):
    """One import of one kind of record: what it did, and each row it could not take, by line."""

    kind = models.CharField(max_length=16)
    source = models.CharField(max_length=16, choices=ImportSource.choices)
    file_name = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # [{"line": 3, "message": "..."}]: rows refused as invalid, and valid rows naming a
    # property or person we do not know (never invented).
    errors = models.JSONField(default=list)
    unmatched = models.JSONField(default=list)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} import {self.started_at:%Y-%m-%d %H:%M}"
