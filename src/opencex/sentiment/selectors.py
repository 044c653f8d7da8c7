"""What residents say, for a period: how many texts read negative, neutral or positive by source,
the share negative month by month, the themes with their sentiment against the period before,
and examples (a short snippet, the case or page it came from)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from opencex.cases.policies import visible_cases
from opencex.feedback.models import CommentTheme, PageFeedback
from opencex.insight.periods import Period
from opencex.sentiment.analysis import Label
from opencex.sentiment.models import Source, TextSentiment

SCORED_LABELS = (Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE)
SNIPPET_LENGTH = 160
TREND_MONTHS = 12


def readings(period: Period, source: str = "") -> QuerySet[TextSentiment]:
    """The readings of texts written in `period`, from one source or all."""
    chosen = TextSentiment.objects.filter(
        written_at__gte=period.starts_at, written_at__lt=period.ends_before
    )
    return chosen.filter(source=source) if source else chosen


def _label_counts() -> dict[str, Count]:
    return {label: Count("id", filter=Q(label=label)) for label in Label.values}


@dataclass(frozen=True)
class Tally:
    """How many texts read each way; `share_negative` is of those scored (None if none)."""

    negative: int
    neutral: int
    positive: int
    not_scored: int

    @property
    def scored(self) -> int:
        return self.negative + self.neutral + self.positive

    @property
    def share_negative(self) -> float | None:
        return self.negative / self.scored if self.scored else None

    @classmethod
    def of(cls, counts: Mapping[str, Any]) -> Tally:
        return cls(*(counts.get(label, 0) for label in Label.values))


def tally_by_source(period: Period, source: str = "") -> dict[str, Tally]:
    """{source: Tally} for every source with a text in the period, in Source order."""
    rows = readings(period, source).values("source").annotate(**_label_counts())
    found = {row["source"]: Tally.of(row) for row in rows}
    return {value: found[value] for value in Source.values if value in found}


def _first_of_month(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def monthly_trend(period: Period, source: str = "") -> list[tuple[date, Tally]]:
    """(first of the month, Tally) for the TREND_MONTHS months up to the period's last month,
    every month listed (an empty month has no share)."""
    first = _first_of_month(period.end, TREND_MONTHS - 1)
    span = Period(first, period.end)
    rows = (
        readings(span, source)
        .annotate(month=TruncMonth("written_at", tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(**_label_counts())
    )
    found = {_as_date(row["month"]): Tally.of(row) for row in rows}
    months = [_first_of_month(period.end, back) for back in range(TREND_MONTHS - 1, -1, -1)]
    return [(month, found.get(month, Tally(0, 0, 0, 0))) for month in months]


def _as_date(month) -> date:
    return month.date() if hasattr(month, "date") else month


@dataclass(frozen=True)
class ThemeSentiment:
    theme: CommentTheme
    tally: Tally
    before: Tally  # the same number of days just before (Period.previous)

    @property
    def change_in_share_negative(self) -> float | None:
        """Percentage points, against the period before; None if either has nothing scored."""
        now, then = self.tally.share_negative, self.before.share_negative
        return None if now is None or then is None else (now - then) * 100


def _tally_by_theme(period: Period, source: str) -> dict[int, Tally]:
    rows = (
        readings(period, source)
        .filter(themes__isnull=False)
        .values("themes")
        .annotate(**_label_counts())
    )
    return {row["themes"]: Tally.of(row) for row in rows}


def top_themes(period: Period, source: str = "", limit: int = 10) -> list[ThemeSentiment]:
    """The themes residents' texts touched most in the period (a text may touch several), each
    with its sentiment then and in the period before; most texts first, then by name."""
    now, before = _tally_by_theme(period, source), _tally_by_theme(period.previous(), source)
    themes = CommentTheme.objects.in_bulk(list(now))
    ranked = sorted(
        now.items(), key=lambda item: (-sum(vars(item[1]).values()), themes[item[0]].name)
    )
    empty = Tally(0, 0, 0, 0)
    return [
        ThemeSentiment(themes[pk], tally, before.get(pk, empty)) for pk, tally in ranked[:limit]
    ]


@dataclass(frozen=True)
class Example:
    """A reading with only as much of its text as a manager needs: a snippet with email
    addresses, phone numbers and the contact's name taken out; never who wrote it."""

    reading: TextSentiment
    snippet: str
    case_reference: str
    page_path: str
    themes: list[str]


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ()-]{8,}\d")


def snippet(text: str, names: tuple[str, ...] = ()) -> str:
    """The first SNIPPET_LENGTH characters or so, cut at a word, with what identifies a person
    masked."""
    text = " ".join(text.split())
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub("[phone]", text)
    for name in names:
        if name.strip():
            text = re.sub(re.escape(name.strip()), "[name]", text, flags=re.IGNORECASE)
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "\N{HORIZONTAL ELLIPSIS}"


def page_feedback_words(feedback: PageFeedback) -> str:
    """A "Was this page useful?" answer's two texts, read as one."""
    return ". ".join(part for part in (feedback.trying_to_do, feedback.what_went_wrong) if part)


def _words_of(reading: TextSentiment) -> tuple[str, tuple[str, ...]]:
    if reading.source == Source.RATING and reading.rating is not None:
        names = (reading.case.contact_name,) if reading.case else ()
        return reading.rating.comment, names
    if reading.source == Source.PAGE_FEEDBACK and reading.page_feedback is not None:
        return page_feedback_words(reading.page_feedback), ()
    if reading.case is not None:
        return reading.case.description, (reading.case.contact_name,)
    return "", ()


def examples(
    period: Period, source: str = "", label: str = Label.NEGATIVE, limit: int = 10, *, actor
) -> list[Example]:
    """The texts that read most strongly `label` in the period (most negative first for
    negative, most positive first otherwise), newest first among equals. A text of a case
    (a complaint, a comment, a rating of a case) is only among them if `actor` may see the case
    (cases.policies.visible_cases); page feedback is of no case. A text since blanked
    (retention, erasure) is left out."""
    order = "score" if label == Label.NEGATIVE else "-score"
    chosen = (
        readings(period, source)
        .filter(label=label)
        .filter(Q(case__isnull=True) | Q(case__in=visible_cases(actor).values("pk")))
        .select_related("case", "page_feedback", "rating")
        .prefetch_related("themes")
        .order_by(order, "-written_at", "-pk")
    )
    found: list[Example] = []
    for reading in chosen[: limit * 3]:
        words, names = _words_of(reading)
        if not words.strip():
            continue
        found.append(
            Example(
                reading,
                snippet(words, names),
                reading.case.reference if reading.case else "",
                reading.page_feedback.path if reading.page_feedback else "",
                [theme.name for theme in reading.themes.all()],
            )
        )
        if len(found) == limit:
            break
    return found
