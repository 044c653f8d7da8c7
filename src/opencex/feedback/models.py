"""Residents' satisfaction and feedback: a 1 to 5 rating (after a case closes), "Was this page
useful?", compliments passed on to the people they name, and comments sorted by theme."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

COMMENT_MAX_LENGTH = 1000


class Score(models.IntegerChoices):
    VERY_DISSATISFIED = 1, "Very dissatisfied"
    DISSATISFIED = 2, "Dissatisfied"
    NEITHER = 3, "Neither satisfied nor dissatisfied"
    SATISFIED = 4, "Satisfied"
    VERY_SATISFIED = 5, "Very satisfied"


class Rating(models.Model):
    """How satisfied someone was, against the service and the channel they used."""

    service = models.ForeignKey(
        "catalogue.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    channel = models.CharField(max_length=16, help_text="How the case reached us (cases.Channel).")
    score = models.PositiveSmallIntegerField(
        choices=Score.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    page_path = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When they ticked "tell me what changes because of this" (yousaidwedid.consent); None if not.
    hear_of_changes_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["service", "created_at"]),
            models.Index(fields=["channel", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="rating_score_1_to_5", condition=models.Q(score__range=(1, 5))
            ),
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(case__isnull=False), name="one_rating_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5 ({self.channel})"


class PageFeedback(models.Model):
    """An answer to "Was this page useful?"; it holds no personal data, only what they wrote."""

    is_useful = models.BooleanField()
    trying_to_do = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    what_went_wrong = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    path = models.CharField(max_length=300)
    service = models.ForeignKey(
        "catalogue.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "page feedback"
        indexes = [models.Index(fields=["path", "created_at"])]

    def __str__(self) -> str:
        return f"{self.path}: {'useful' if self.is_useful else 'not useful'}"


class CommentTheme(models.Model):
    """A theme the council sorts comments by ("Bins and recycling", "Website"). The council's own
    list, edited in the admin; `keywords` suggest the theme to the officer."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    keywords = models.JSONField(
        default=list,
        blank=True,
        help_text='Words that suggest this theme, e.g. ["bin", "recycling"].',
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CommentReview(models.Model):
    """An officer's reading of a comment: its theme and the service that owns it, whose teams
    then see it."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="comment_review"
    )
    theme = models.ForeignKey(CommentTheme, on_delete=models.PROTECT, related_name="reviews")
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, related_name="comment_reviews"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_at"]
        indexes = [models.Index(fields=["service", "reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.theme}"


class Recognition(models.Model):
    """A compliment passed on to the officer and/or team it names; their managers see it too."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="recognition")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recognitions",
    )
    team = models.ForeignKey(
        "catalogue.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recognitions",
    )
    words = models.TextField(help_text="What the resident said, as passed on.")
    passed_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    passed_on_at = models.DateTimeField()

    class Meta:
        ordering = ["-passed_on_at"]
        constraints = [
            models.CheckConstraint(
                name="recognition_names_someone",
                condition=models.Q(officer__isnull=False) | models.Q(team__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.officer or self.team}"
