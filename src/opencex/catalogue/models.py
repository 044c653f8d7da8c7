"""Services the council offers or signposts to, who owns them, and how long they take."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ServiceArea(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="teams")
    email = models.EmailField(blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Provider(models.TextChoices):
    COUNCIL = "council", "This council"
    COUNTY = "county", "The county council"


class Channel(models.TextChoices):
    """Ways a resident can use a service."""

    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"
    FACE_TO_FACE = "face_to_face", "Face to face"
    EMAIL = "email", "By email"
    POST = "post", "By post"


class ServiceQuerySet(models.QuerySet["Service"]):
    def live(self) -> ServiceQuerySet:
        return self.filter(is_live=True)

    def provided_by_council(self) -> ServiceQuerySet:
        return self.filter(provider=Provider.COUNCIL)


class Service(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    provider = models.CharField(max_length=16, choices=Provider.choices, default=Provider.COUNCIL)
    external_url = models.URLField(blank=True)
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="services")
    channels = models.JSONField(default=list)
    cost = models.CharField(max_length=200, blank=True)
    eligibility = models.TextField(blank=True)
    lgsl_code = models.PositiveIntegerField(null=True, blank=True)
    case_kind = models.CharField(max_length=32, blank=True)
    standard_days = models.PositiveSmallIntegerField(null=True, blank=True)
    standard_text = models.CharField(max_length=300, blank=True)
    if_late = models.TextField(blank=True)
    keywords = models.JSONField(default=list)
    is_live = models.BooleanField(default=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                name="county_service_has_link",
                condition=~models.Q(provider="county") | ~models.Q(external_url=""),
            ),
            models.CheckConstraint(
                name="service_standard_is_complete",
                condition=models.Q(standard_days__isnull=True, standard_text="")
                | (models.Q(standard_days__gt=0) & ~models.Q(standard_text="")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_signposted(self) -> bool:
        return self.provider == Provider.COUNTY
