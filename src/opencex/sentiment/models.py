"""One reading per resident's text: a comment or complaint case's description, a page feedback
answer, or a satisfaction rating's comment. The text itself stays where it was written (so
retention's blanking reaches it); only the reading is kept here."""

from __future__ import annotations

from django.db import models

from opencex.sentiment.analysis import Label


class Source(models.TextChoices):
    COMMENT = "comment", "Comment"
    COMPLAINT = "complaint", "Complaint"
    PAGE_FEEDBACK = "page_feedback", "Page feedback"
    RATING = "rating", "Satisfaction comment"


CASE_SOURCES = (Source.COMMENT, Source.COMPLAINT)


class TextSentiment(models.Model):
    source = models.CharField(max_length=16, choices=Source.choices)
    # The case the text belongs to (a comment or complaint, or the case a rating was for).
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page_feedback = models.ForeignKey(
        "feedback.PageFeedback", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rating = models.ForeignKey(
        "feedback.Rating", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=8)
    label = models.CharField(max_length=16, choices=Label.choices)
    score = models.FloatField(null=True, blank=True, help_text="VADER's compound score.")
    analyser_version = models.CharField(max_length=80)
    themes = models.ManyToManyField("feedback.CommentTheme", blank=True, related_name="+")
    written_at = models.DateTimeField(help_text="When the resident wrote the text.")
    scored_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_at"]
        indexes = [models.Index(fields=["source", "written_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(source__in=["comment", "complaint"]),
                name="one_reading_per_case_text",
            ),
            models.UniqueConstraint(fields=["page_feedback"], name="one_reading_per_page_feedback"),
            models.UniqueConstraint(fields=["rating"], name="one_reading_per_rating"),
            models.CheckConstraint(
                name="reading_names_its_text",
                condition=(
                    models.Q(source__in=["comment", "complaint"], case__isnull=False)
                    | models.Q(source="page_feedback", page_feedback__isnull=False)
                    | models.Q(source="rating", rating__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="a_scored_reading_has_a_score",
                condition=models.Q(label="not_scored", score__isnull=True)
                | (~models.Q(label="not_scored") & models.Q(score__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.label}"
