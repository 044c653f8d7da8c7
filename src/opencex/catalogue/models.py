"""Services the council offers or signposts to, who owns them, how long they take, and the
plain-English guidance pages that explain them."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models

from opencex.languages import ENGLISH, base_language, text_in

# The texts of a service a resident reads, which Service.translations may give in other languages.
TRANSLATED_SERVICE_FIELDS = ("title", "summary", "eligibility", "cost", "standard_text", "if_late")


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


@dataclass(frozen=True)
class ServiceText:
    """What a resident reads about a service, in one language."""

    title: str
    summary: str
    eligibility: str
    cost: str
    standard_text: str
    if_late: str


class Service(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    provider = models.CharField(max_length=16, choices=Provider.choices, default=Provider.COUNCIL)
    external_url = models.URLField(blank=True)
    # Who runs external_url's site when it is not the county (GOV.UK, the Planning Portal, the
    # council's own planning register): a text, or texts by language (opencex.languages).
    external_provider = models.JSONField(default=str, blank=True)
    # The form family (forms/families/) that makes this service's online form when no form
    # definition file is written for it, and any questions of its own to add (forms.schema).
    form_family = models.CharField(max_length=60, blank=True)
    form_questions = models.JSONField(default=list, blank=True)
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
    # The council acts as landlord (to its tenants and leaseholders) in this service: a complaint
    # about it goes to the Housing Ombudsman rather than the Local Government and Social Care
    # Ombudsman (see opencex.complaints.ombudsmen).
    is_landlord_function = models.BooleanField(
        default=False,
        help_text="The council acts as landlord here (tenants and leaseholders): complaints go to "
        "the Housing Ombudsman.",
    )
    # The resident-facing texts in other languages: {"pl": {"title": ..., "summary": ...}, "ar":
    # {...}}; the fields above are the English. A text not translated is shown in English.
    translations = models.JSONField(default=dict, blank=True)
    is_live = models.BooleanField(default=True)
    # Moves on every save; the search index compares it to know when to rebuild.
    updated_at = models.DateTimeField(auto_now=True)

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

    def text_in(self, field: str, language: str) -> str:
        """One of TRANSLATED_SERVICE_FIELDS in `language`, or in English where not translated."""
        code = base_language(language)
        texts = {ENGLISH: getattr(self, field)}
        if code != ENGLISH:
            texts[code] = (self.translations.get(code) or {}).get(field, "")
        return text_in(texts, code)

    def in_language(self, language: str) -> ServiceText:
        """Everything a resident reads about the service, in `language` (English fallback)."""
        return ServiceText(
            **{name: self.text_in(name, language) for name in TRANSLATED_SERVICE_FIELDS}
        )


class GuidancePageQuerySet(models.QuerySet["GuidancePage"]):
    def live(self) -> GuidancePageQuerySet:
        return self.filter(is_live=True)


class GuidancePage(models.Model):
    """A short plain-English "how to" page ("Bin collection days", "Council tax bands").

    Guidance lives beside the services because it is the same kind of content — what the council
    does and how to use it — written, loaded and retired with the catalogue file.
    `body` is a list of blocks: a string is a paragraph, a list of strings is a bulleted list,
    and `{"heading": "..."}` is a subheading.
    """

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    body = models.JSONField(default=list)
    keywords = models.JSONField(default=list)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="guidance_pages"
    )
    services = models.ManyToManyField(Service, blank=True, related_name="guidance_pages")
    is_live = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuidancePageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def blocks(self) -> list[tuple[str, str | list[str]]]:
        """The body as (kind, content) pairs a template can render: paragraph, list, heading."""
        blocks: list[tuple[str, str | list[str]]] = []
        for block in self.body:
            if isinstance(block, str):
                blocks.append(("paragraph", block))
            elif isinstance(block, list):
                blocks.append(("list", block))
            elif isinstance(block, dict) and "heading" in block:
                blocks.append(("heading", block["heading"]))
        return blocks

    @property
    def text(self) -> str:
        """The body as plain text, for search."""
        parts: list[str] = []
        for _kind, content in self.blocks:
            parts.extend(content if isinstance(content, list) else [content])
        return "\n".join(parts)
