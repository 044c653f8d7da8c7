"""Services the council offers or signposts to, who owns them, how long they take, and the
plain-English guidance pages that explain them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models

from opencex.languages import ENGLISH, base_language, text_in

# The texts of a service a resident reads, which Service.translations may give in other languages.
TRANSLATED_SERVICE_FIELDS = ("title", "summary", "eligibility", "cost", "standard_text", "if_late")
# What a translation gives for the other rows residents read (see Translatable).
TRANSLATED_AREA_FIELDS = ("name", "description")
TRANSLATED_TOPIC_FIELDS = ("name",)
TRANSLATED_GUIDANCE_FIELDS = ("title", "summary")


class Translatable(models.Model):
    """A row residents read, with its texts in other languages beside the English.

    The model's own fields are the English. `translations` holds the others by language:
    {"pl": {"title": "...", "keywords": ["..."]}, "ar": {...}}, filled from the catalogue file's
    inline "translations" and from the translation files beside it (`loading`). A text not
    translated is shown in English (`opencex.languages.text_in`, the one reading rule).
    `keywords` in a language, where given, are the words residents search with in it.
    """

    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def text_in(self, field: str, language: str | None) -> str:
        """The text `field` in `language`, or in English where not translated."""
        code = base_language(language)
        texts = {ENGLISH: getattr(self, field)}
        if code != ENGLISH:
            texts[code] = self.translated(code).get(field) or ""
        return text_in(texts, code)

    def translated(self, language: str | None) -> dict:
        """What `translations` gives in `language` ({} for English or none)."""
        return self.translations.get(base_language(language)) or {}

    def is_shown_in_english(self, field: str, language: str | None) -> bool:
        """Whether the text `field`, read in `language`, is the English for want of a translation
        (a page marks it `lang="en"`)."""
        code = base_language(language)
        return (
            code != ENGLISH and bool(getattr(self, field)) and not self.translated(code).get(field)
        )

    def keywords_in(self, language: str | None) -> list[str]:
        """The search words residents use in `language`: the English `keywords` for English,
        else the translation's (an empty list where none are given)."""
        code = base_language(language)
        if code == ENGLISH:
            return list(getattr(self, "keywords", []))
        return list(self.translated(code).get("keywords") or [])


class ServiceArea(Translatable):
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


class Topic(Translatable):
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
    # The fields above that are the English, for want of a translation in the language asked for.
    in_english: frozenset[str] = frozenset()


class Service(Translatable):
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

    def in_language(self, language: str) -> ServiceText:
        """Everything a resident reads about the service, in `language` (English fallback)."""
        return ServiceText(
            **{name: self.text_in(name, language) for name in TRANSLATED_SERVICE_FIELDS},
            in_english=frozenset(
                name
                for name in TRANSLATED_SERVICE_FIELDS
                if self.is_shown_in_english(name, language)
            ),
        )


class GuidancePageQuerySet(models.QuerySet["GuidancePage"]):
    def live(self) -> GuidancePageQuerySet:
        return self.filter(is_live=True)


@dataclass(frozen=True)
class GuidanceText:
    """What a resident reads on a guidance page, in one language."""

    title: str
    summary: str
    blocks: list[tuple[str, Any]]
    # Which of title, summary and body are the English, for want of a translation.
    in_english: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        """The body as plain text, for search."""
        return _plain_text(self.blocks)


def _plain_text(blocks: list[tuple[str, str | list[str]]]) -> str:
    parts: list[str] = []
    for _kind, content in blocks:
        if isinstance(content, dict):  # a video: its title and transcript are searchable
            parts.extend([content.get("title", ""), content["transcript"]])
        else:
            parts.extend(content if isinstance(content, list) else [content])
    return "\n".join(parts)


def body_blocks(body: list) -> list[tuple[str, str | list[str]]]:
    """A guidance body as (kind, content) pairs a template can render: paragraph, list, heading,
    steps (numbered, printable) and video (with its captions file and transcript)."""
    blocks: list[tuple[str, str | list[str]]] = []
    for block in body:
        if isinstance(block, str):
            blocks.append(("paragraph", block))
        elif isinstance(block, list):
            blocks.append(("list", block))
        elif isinstance(block, dict) and "heading" in block:
            blocks.append(("heading", block["heading"]))
        elif isinstance(block, dict) and "steps" in block:
            blocks.append(("steps", block["steps"]))
        elif isinstance(block, dict) and "video" in block:
            blocks.append(("video", block["video"]))
    return blocks


class GuidancePage(Translatable):
    """A short plain-English "how to" page ("Bin collection days", "Council tax bands").

    Guidance lives beside the services because it is the same kind of content — what the council
    does and how to use it — written, loaded and retired with the catalogue file.
    `body` is a list of blocks: a string is a paragraph, a list of strings is a bulleted list,
    `{"heading": "..."}` is a subheading, `{"steps": [...]}` numbered steps a resident can print,
    and `{"video": {"src", "captions", "transcript", "title"}}` a short video, refused on
    loading without its WebVTT captions and its transcript.
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
        """The English body as (kind, content) pairs a template can render (`body_blocks`)."""
        return body_blocks(self.body)

    @property
    def steps(self) -> list[str]:
        """The numbered steps of the English body, in order (empty without a steps block)."""
        return [step for kind, content in self.blocks if kind == "steps" for step in content]

    def in_language(self, language: str | None) -> GuidanceText:
        """The page in `language`: each text, and the body, in English where not translated.
        A translated body has the English body's shape (checked on loading), so it replaces it
        whole."""
        body = self.translated(language).get("body")
        return GuidanceText(
            title=self.text_in("title", language),
            summary=self.text_in("summary", language),
            blocks=body_blocks(body or self.body),
            in_english=frozenset(
                name
                for name in ("title", "summary", "body")
                if self.is_shown_in_english(name, language)
            ),
        )

    @property
    def text(self) -> str:
        """The English body as plain text, for search (`in_language(...).text` in another)."""
        return _plain_text(self.blocks)
