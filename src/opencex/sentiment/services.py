"""Scoring residents' texts: every reading is written here, incrementally (only texts with no
reading yet, or with one by an older analyser when asked to rescore)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import task

from opencex.cases.models import Case, CaseKind
from opencex.feedback.models import CommentTheme, PageFeedback, Rating
from opencex.feedback.selectors import themes_in
from opencex.jobs import daily
from opencex.sentiment.analysis import ANALYSER_VERSION, read_text
from opencex.sentiment.models import CASE_SOURCES, Source, TextSentiment
from opencex.sentiment.selectors import page_feedback_words

BATCH = 500
DAILY_AT = time(2, 30)  # London time: after the day's comments are in, before managers look
_CASE_KIND_SOURCE = {CaseKind.COMMENT: Source.COMMENT, CaseKind.COMPLAINT: Source.COMPLAINT}


@dataclass(frozen=True)
class Text:
    """One resident's text as read for scoring (never stored here)."""

    source: Source
    words: str
    recorded_language: str
    written_at: datetime
    case_id: int | None = None
    page_feedback_id: int | None = None
    rating_id: int | None = None


def _read(sources: Iterable[str], rescore: bool) -> QuerySet[TextSentiment]:
    """The readings that count as done: any, or when rescoring only the current version's."""
    read = TextSentiment.objects.filter(source__in=list(sources))
    return read.filter(analyser_version=ANALYSER_VERSION) if rescore else read


def _case_texts(rescore: bool) -> QuerySet[Case]:
    return Case.objects.filter(kind__in=list(_CASE_KIND_SOURCE)).exclude(
        Q(description="") | Q(pk__in=_read(CASE_SOURCES, rescore).values("case_id"))
    )


def _page_feedback_texts(rescore: bool) -> QuerySet[PageFeedback]:
    read = _read([Source.PAGE_FEEDBACK], rescore).values("page_feedback_id")
    return PageFeedback.objects.exclude(Q(trying_to_do="", what_went_wrong="") | Q(pk__in=read))


def _rating_texts(rescore: bool) -> QuerySet[Rating]:
    read = _read([Source.RATING], rescore).values("rating_id")
    return Rating.objects.exclude(Q(comment="") | Q(pk__in=read))


def _unscored_cases(rescore: bool) -> Iterator[Text]:
    cases = (
        _case_texts(rescore)
        .only("pk", "kind", "description", "language", "received_at")
        .order_by("pk")
    )
    for case in cases.iterator(chunk_size=BATCH):
        yield Text(
            _CASE_KIND_SOURCE[CaseKind(case.kind)],
            case.description,
            case.language,
            case.received_at,
            case_id=case.pk,
        )


def _unscored_page_feedback(rescore: bool) -> Iterator[Text]:
    answers = _page_feedback_texts(rescore).order_by("pk")
    for feedback in answers.iterator(chunk_size=BATCH):
        yield Text(
            Source.PAGE_FEEDBACK,
            page_feedback_words(feedback),
            feedback.language,
            feedback.created_at,
            page_feedback_id=feedback.pk,
        )


def _unscored_ratings(rescore: bool) -> Iterator[Text]:
    ratings = _rating_texts(rescore).select_related("case").order_by("pk")
    for rating in ratings.iterator(chunk_size=BATCH):
        # A rating made in a language records it; else the language of the case it was for.
        language = rating.language or (rating.case.language if rating.case else "")
        yield Text(
            Source.RATING,
            rating.comment,
            language,
            rating.created_at,
            case_id=rating.case_id,
            rating_id=rating.pk,
        )


@dataclass
class ScoringRun:
    scored: dict[str, int] = field(default_factory=dict)
    not_scored: int = 0  # in a language the lexicon does not know

    @property
    def total(self) -> int:
        return sum(self.scored.values())

    def __str__(self) -> str:
        if not self.total:
            return "No new texts to score."
        parts = ", ".join(f"{count} {source}" for source, count in sorted(self.scored.items()))
        return f"Read {self.total} texts ({parts}); {self.not_scored} not scored (language)."


def _reading(
    text: Text, themes: list[CommentTheme], now: datetime
) -> tuple[TextSentiment, list[CommentTheme]]:
    reading = read_text(text.words, text.recorded_language)
    sentiment = TextSentiment(
        source=text.source,
        case_id=text.case_id,
        page_feedback_id=text.page_feedback_id,
        rating_id=text.rating_id,
        language=reading.language,
        label=reading.label,
        score=reading.score,
        analyser_version=ANALYSER_VERSION,
        written_at=text.written_at,
        scored_at=now,
    )
    # Themes are matched in English keywords; a Polish or Arabic text gets none rather than a
    # wrong one (a loanword such as "app" would still match, so none are tried).
    return sentiment, themes_in(text.words, themes) if reading.is_scored else []


def _batches(texts: Iterable[Text]) -> Iterator[list[Text]]:
    batch: list[Text] = []
    for text in texts:
        batch.append(text)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _replace_older(batch: list[Text]) -> None:
    """When rescoring: drop the readings by an older analyser of the texts in `batch`."""
    older = TextSentiment.objects.exclude(analyser_version=ANALYSER_VERSION)
    older.filter(
        Q(case_id__in=[t.case_id for t in batch if t.source in CASE_SOURCES])
        & Q(source__in=CASE_SOURCES)
        | Q(page_feedback_id__in=[t.page_feedback_id for t in batch if t.page_feedback_id])
        | Q(rating_id__in=[t.rating_id for t in batch if t.rating_id])
    ).delete()


def score_new_texts(*, rescore: bool = False) -> ScoringRun:
    """Read every resident's text that has no reading yet (with `rescore`, also those read by an
    older analyser version), with its themes from the council's comment themes."""
    themes = list(CommentTheme.objects.filter(is_active=True).order_by("name"))
    run = ScoringRun()
    sources = (_unscored_cases, _unscored_page_feedback, _unscored_ratings)
    for unscored in sources:
        # The texts stream in chunks (iterator()); a batch is scored and stored before the next.
        for batch in _batches(unscored(rescore)):
            now = timezone.now()
            readings = [_reading(text, themes, now) for text in batch]
            with transaction.atomic():
                if rescore:
                    _replace_older(batch)
                created = TextSentiment.objects.bulk_create([made for made, _ in readings])
                through = TextSentiment.themes.through
                through.objects.bulk_create(
                    through(textsentiment_id=made.pk, commenttheme_id=theme.pk)
                    for made, (_, matched) in zip(created, readings, strict=True)
                    for theme in matched
                )
            for reading, _ in readings:
                run.scored[reading.source] = run.scored.get(reading.source, 0) + 1
                run.not_scored += reading.score is None
    return run


def waiting_to_be_scored() -> int:
    """How many texts have no reading yet (shown on the page, so a stale figure is visible)."""
    return sum(texts(False).count() for texts in (_case_texts, _page_feedback_texts, _rating_texts))


@task()
def score_sentiment_every_day() -> int:
    """Read the day's new texts, then queue the same job for tomorrow (even if today's failed)."""
    try:
        done = score_new_texts()
    finally:
        daily.queue_next_run(score_sentiment_every_day, DAILY_AT)
    return done.total


def schedule_every_day() -> datetime | None:
    return daily.schedule_daily(score_sentiment_every_day, DAILY_AT)
