"""Residents' satisfaction: a 1 to 5 rating (after a case closes) and "Was this page useful?"."""

from __future__ import annotations

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
