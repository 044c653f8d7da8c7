"""A change made because of feedback (`Change`), the feedback behind it (`ChangeSource`), who was
told of it (`ChangeNotice`) and what staff did to it (`ChangeEvent`, an audit record)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opencex.audit.records import AuditQuerySet, AuditRecord
from opencex.catalogue.models import Translatable


class ChangeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ChangeQuerySet(models.QuerySet["Change"]):
    def published(self) -> ChangeQuerySet:
        return self.filter(status=ChangeStatus.PUBLISHED)


class Change(Translatable):
    """What residents told us ("you said") and what we changed ("we did"). The texts are written
    by staff, never copied from a resident; `translations` may hold them in other languages
    ({"pl": {"title": ..., "you_said": ..., "we_did": ...}}), else residents read the English."""

    title = models.CharField(max_length=200)
    you_said = models.TextField(help_text="What residents told us, in staff's own words.")
    we_did = models.TextField(help_text="What we changed because of it.")
    service_area = models.ForeignKey(
        "catalogue.ServiceArea", on_delete=models.PROTECT, related_name="changes_made"
    )
    service = models.ForeignKey(
        "catalogue.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes_made",
    )
    made_on = models.DateField(help_text="The day the change was made.")
    status = models.CharField(
        max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.DRAFT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                name="published_change_has_a_date",
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ChangeStatus.PUBLISHED


class SourceKind(models.TextChoices):
    """What kind of feedback a change came from; each kind fills its own column of ChangeSource."""

    COMMENT = "comment", "Comment"
    COMPLAINT = "complaint", "Complaint"
    RATING = "rating", "Satisfaction rating"
    PAGE_FEEDBACK = "page_feedback", "Page feedback"
    # One answer in a survey response (issue 15): the response and the question's key. Survey
    # answers are anonymous, so no one is told of the change because of them.
    SURVEY_ANSWER = "survey_answer", "Survey answer"


# The column each kind fills; a source has that one set and the others empty.
SOURCE_COLUMNS: dict[str, str] = {
    SourceKind.COMMENT: "case",
    SourceKind.COMPLAINT: "case",
    SourceKind.RATING: "rating",
    SourceKind.PAGE_FEEDBACK: "page_feedback",
    SourceKind.SURVEY_ANSWER: "survey_response",
}


class ChangeSource(models.Model):
    """One piece of feedback behind a change: a kind and the one column that kind fills (an
    explicit shape rather than a generic relation, so the database keeps the links whole)."""

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rating = models.ForeignKey(
        "feedback.Rating", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page_feedback = models.ForeignKey(
        "feedback.PageFeedback", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    survey_response = models.ForeignKey(
        "surveys.Response", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    question_key = models.CharField(
        max_length=64, blank=True, help_text="The survey question answered (a survey answer)."
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["linked_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="change_source_fills_its_kinds_column",
                condition=(
                    models.Q(
                        kind__in=["comment", "complaint"],
                        case__isnull=False,
                        rating__isnull=True,
                        page_feedback__isnull=True,
                        survey_response__isnull=True,
                    )
                    | models.Q(
                        kind="rating",
                        case__isnull=True,
                        rating__isnull=False,
                        page_feedback__isnull=True,
                        survey_response__isnull=True,
                    )
                    | models.Q(
                        kind="page_feedback",
                        case__isnull=True,
                        rating__isnull=True,
                        page_feedback__isnull=False,
                        survey_response__isnull=True,
                    )
                    | models.Q(
                        kind="survey_answer",
                        case__isnull=True,
                        rating__isnull=True,
                        page_feedback__isnull=True,
                        survey_response__isnull=False,
                    )
                    & ~models.Q(question_key="")
                ),
            ),
            models.UniqueConstraint(
                fields=["change", "case"],
                condition=models.Q(case__isnull=False),
                name="change_links_a_case_once",
            ),
            models.UniqueConstraint(
                fields=["change", "rating"],
                condition=models.Q(rating__isnull=False),
                name="change_links_a_rating_once",
            ),
            models.UniqueConstraint(
                fields=["change", "page_feedback"],
                condition=models.Q(page_feedback__isnull=False),
                name="change_links_page_feedback_once",
            ),
            models.UniqueConstraint(
                fields=["change", "survey_response", "question_key"],
                condition=models.Q(survey_response__isnull=False),
                name="change_links_a_survey_answer_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} behind {self.change}"

    @property
    def feedback(self):
        """The comment or complaint case, the rating, the page feedback or the survey response."""
        return getattr(self, SOURCE_COLUMNS[self.kind])

    @property
    def case_behind(self):
        """The case whose resident raised it (a rating's case), or None (page feedback)."""
        if self.kind == SourceKind.RATING and self.rating is not None:
            return self.rating.case
        return self.case


class ChangeNotice(models.Model):
    """A resident told of a change: one row per person per change, so nobody hears twice."""

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="notices")
    # The address told, "email:<address>" or "sms:<number>" (selectors.person_keys): the same
    # person behind two sources is one key.
    person = models.CharField(max_length=320)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    notification = models.ForeignKey(
        "notify.Notification", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    told_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["change", "person"], name="tell_a_person_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} told of {self.change}"


class ChangeEvent(AuditRecord):
    """What staff did to a change (recorded, linked, published, withdrawn): who, when and what.
    An audit record: never edited or deleted."""

    change = models.ForeignKey(Change, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)
    detail = models.CharField(max_length=500, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.change}: {self.action}"
