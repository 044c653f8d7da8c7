"""Recording satisfaction: every write to the feedback app goes through here."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from opencex.cases.models import Case, Status
from opencex.catalogue.models import Service
from opencex.feedback.models import COMMENT_MAX_LENGTH, PageFeedback, Rating, Score

RATEABLE_STATUSES = frozenset({Status.RESOLVED, Status.RESPONDED, Status.CLOSED})
PATH_MAX_LENGTH = 300


class FeedbackError(Exception):
    """Feedback we cannot record, with a message the person can act on."""


class AlreadyRated(FeedbackError):
    """This case has a rating already."""


def can_rate(case: Case) -> bool:
    return case.status in RATEABLE_STATUSES and not case.ratings.exists()


def _clean_comment(text: str) -> str:
    text = text.strip()
    if len(text) > COMMENT_MAX_LENGTH:
        raise FeedbackError(f"Write {COMMENT_MAX_LENGTH} characters or fewer.")
    return text


def _clean_path(path: str) -> str:
    # Only the path: a query string could carry personal data (a search, a reference).
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//"):
        raise FeedbackError("That is not a page on this site.")
    return path[:PATH_MAX_LENGTH]


@transaction.atomic
def record_rating(
    *, case: Case, score: int, comment: str = "", language: str = "", page_path: str = ""
) -> Rating:
    """The resident's one rating for a finished case (the caller has checked they may)."""
    if case.status not in RATEABLE_STATUSES:
        raise FeedbackError("You can tell us how we did once your request is finished.")
    if score not in Score.values:
        raise FeedbackError("Choose how satisfied you are.")
    if Rating.objects.filter(case=case).exists():
        raise AlreadyRated("You have already told us how we did.")
    try:
        with transaction.atomic():
            return Rating.objects.create(
                case=case,
                service=case.service,
                channel=case.channel,
                score=score,
                comment=_clean_comment(comment),
                language=language[:16],
                page_path=page_path[:PATH_MAX_LENGTH],
            )
    except IntegrityError:  # a second submit raced the first
        raise AlreadyRated("You have already told us how we did.") from None


@transaction.atomic
def record_page_feedback(
    *,
    path: str,
    is_useful: bool,
    service_slug: str = "",
    language: str = "",
    trying_to_do: str = "",
    what_went_wrong: str = "",
) -> PageFeedback:
    service = Service.objects.filter(slug=service_slug).first() if service_slug else None
    return PageFeedback.objects.create(
        path=_clean_path(path),
        is_useful=is_useful,
        service=service,
        language=language[:16],
        trying_to_do=_clean_comment(trying_to_do),
        what_went_wrong=_clean_comment(what_went_wrong),
    )


@transaction.atomic
def add_page_feedback_details(
    *, feedback_id: int, trying_to_do: str, what_went_wrong: str
) -> PageFeedback:
    """What the person was trying to do and what went wrong, added to their "No" answer (the
    caller passes only an answer given in the same browser session)."""
    feedback = PageFeedback.objects.select_for_update().get(pk=feedback_id)
    feedback.trying_to_do = _clean_comment(trying_to_do)
    feedback.what_went_wrong = _clean_comment(what_went_wrong)
    feedback.save(update_fields=["trying_to_do", "what_went_wrong"])
    return feedback
