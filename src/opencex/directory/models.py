"""The community directory: partner organisations, the services they run, where, and the needs
they meet — the core of the Open Referral UK (ORUK) data standard, simplified.

Field names follow ORUK (`organization`, `service`, `location`, `contact`, `taxonomy`), so an
export reads as ORUK without a mapping table; `oruk_id` is the ORUK `id` (a UUID) kept stable
through import and export, while the integer primary key stays internal.
"""

from __future__ import annotations

import uuid

from django.db import models


class Organization(models.Model):
    """A community organisation or partner (ORUK `organization`)."""

    oruk_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    url = models.URLField(blank=True)
    is_demo = models.BooleanField(
        default=False, help_text="Made-up demonstration data, not a real directory entry."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """A need a service meets, such as "food" or "debt" (ORUK `taxonomy`)."""

    oruk_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    vocabulary = models.CharField(max_length=100, default="opencex-needs")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place where services are delivered (ORUK `location` with one `physical_address`)."""

    oruk_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    address_1 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, default="Oxford")
    postal_code = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="location_has_both_coordinates_or_neither",
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__range=(-90, 90),
                    longitude__range=(-180, 180),
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.postal_code}" if self.postal_code else self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Status(models.TextChoices):
    """ORUK's service statuses."""

    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> ServiceQuerySet:
        return self.filter(status=Status.ACTIVE)


class Service(models.Model):
    """What a resident can be signposted to: one directory entry (ORUK `service`).

    ORUK keeps eligibility and schedules in tables of their own; here they are the texts a
    resident reads (`eligibility`, `schedule_description`), exported as one ORUK row each.
    """

    oruk_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(unique=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=200)
    description = models.TextField()
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    fees = models.CharField(max_length=200, blank=True, help_text="Blank means free.")
    eligibility = models.TextField(blank=True, help_text="Who can use it, in plain English.")
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    schedule_description = models.TextField(blank=True, help_text="When it runs, in words.")
    locations = models.ManyToManyField(Location, related_name="services", blank=True)
    taxonomy_terms = models.ManyToManyField(TaxonomyTerm, related_name="services", blank=True)
    is_demo = models.BooleanField(
        default=False, help_text="Made-up demonstration data, not a real directory entry."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="service_age_range_in_order",
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """Who to ask about a service and their phone number (ORUK `contact` with one `phone`)."""

    oruk_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name or self.phone or self.email
