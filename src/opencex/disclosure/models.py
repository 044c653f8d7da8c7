"""Disclosure log entries (draft, published, withdrawn), their published files and their audit
trail."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models

from opencex.disclosure.redaction import without_marks


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Decision(models.TextChoices):
    """Only released information is published: a refusal has nothing to show."""

    RELEASED = "released", "Information released"
    PART_RELEASED = "part_released", "Information released in part"


_GREETING = re.compile(r"\s*dear\b", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"\s*(?:yours|kind regards|regards|best wishes|many thanks|thanks|thank you)\b", re.IGNORECASE
)


class DisclosureEntryQuerySet(models.QuerySet["DisclosureEntry"]):
    def published(self) -> DisclosureEntryQuerySet:
        return self.filter(status=EntryStatus.PUBLISHED)

    def newest_first(self) -> DisclosureEntryQuerySet:
        return self.order_by("-released_on", "-published_at", "-pk")


class DisclosureEntry(models.Model):
    """A released FOI or EIR response as the public sees it: the request and the response as
    published text, with personal data removed, and copies of the files chosen for publishing.

    The text is the entry's own copy, not the case's: what was published stays as published,
    whatever later happens to the case.
    """

    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures",
        help_text="The request it was prepared from; empty for entries brought over from the "
        "council's earlier disclosure log.",
    )
    status = models.CharField(max_length=16, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    title = models.CharField(max_length=200)
    request_text = models.TextField()
    response_text = models.TextField()
    decision = models.CharField(max_length=16, choices=Decision.choices)
    released_on = models.DateField(help_text="The day the response was sent to the requester.")
    service_area = models.ForeignKey(
        "catalogue.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    # What the automatic redaction removed, by kind ("name": 2, ...): never the removed values,
    # which are the very personal data the log must not hold.
    redaction_counts = models.JSONField(default=dict, blank=True)

    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty only for entries brought over from an earlier log.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DisclosureEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "disclosure entries"
        ordering = ["-released_on", "-pk"]
        indexes = [models.Index(fields=["status", "-released_on"])]
        constraints = [
            # A case has at most one entry that is not withdrawn: preparing it twice opens the
            # same draft.
            models.UniqueConstraint(
                fields=["case"],
                condition=~models.Q(status="withdrawn"),
                name="one_live_disclosure_per_case",
            ),
            models.CheckConstraint(
                name="published_entry_says_when",
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED

    @property
    def request_summary(self) -> str:
        """The request on one line without its greeting, sign-off, redaction markers or separator
        lines, for lists and search results."""
        blocks = without_marks(self.request_text.replace("\r\n", "\n")).split("\n\n")
        paragraphs = [block.strip() for block in blocks if block.strip()]
        if len(paragraphs) > 1 and _GREETING.match(paragraphs[0]):
            paragraphs = paragraphs[1:]
        while len(paragraphs) > 1 and _SIGN_OFF.match(paragraphs[-1]):
            paragraphs.pop()
        return " ".join(" ".join(part.split()) for part in paragraphs)


class DisclosureFile(models.Model):
    """A copy of a case file, checked by an officer and published with the entry."""

    entry = models.ForeignKey(DisclosureEntry, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="disclosure/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    copied_from = models.ForeignKey(
        "cases.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class DisclosureEventKind(models.TextChoices):
    PREPARED = "prepared", "Draft prepared"
    EDITED = "edited", "Draft edited"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AppendOnlyQuerySet(models.QuerySet["DisclosureEvent"]):
    def update(self, **kwargs):
        raise TypeError("The disclosure log's audit trail is append-only.")


class DisclosureEvent(models.Model):
    """Who prepared, edited, published or withdrew an entry, and when: never edited."""

    entry = models.ForeignKey(DisclosureEntry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=DisclosureEventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    details = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The disclosure log's audit trail is append-only.")
        super().save(*args, **kwargs)
