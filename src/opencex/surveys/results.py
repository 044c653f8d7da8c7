"""What a survey's responses say, as counts (the staff pages add small-number suppression,
charts and export): for every choice question the answers by option, the share satisfied for a
bank question with a scale, response rates by stratum, and free-text answers themed with the
feedback app's one matcher (feedback.selectors.themes_in)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone, translation

from opencex.feedback.models import CommentTheme
from opencex.feedback.selectors import themes_in
from opencex.forms.answers import display_answer
from opencex.languages import text_in
from opencex.surveys.bank import NO_VIEW, bank
from opencex.surveys.models import Invitation, Response, Survey
from opencex.surveys.services import NOT_GIVEN, STRATA, version_of


@dataclass(frozen=True)
class OptionCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class QuestionResult:
    key: str
    label: str  # in English: results are read by staff
    is_bank: bool
    answered: int
    options: list[OptionCount]
    # For a bank question with a scale: satisfied (or agreeing) of those with a view.
    positive: int | None = None
    with_a_view: int | None = None

    @property
    def share_positive(self) -> float | None:
        if not self.with_a_view or self.positive is None:
            return None
        return self.positive / self.with_a_view


@dataclass(frozen=True)
class PositiveShare:
    positive: int
    with_a_view: int


def positive_share(key: str, answers: Iterable[dict[str, Any]]) -> PositiveShare:
    """Of the answers to bank question `key`: how many are satisfied (or agree), out of those
    who gave a view (a "don't know" or "not applicable" is left out of the base, as the
    regulator's method for the TSM says; a question not answered is not counted at all)."""
    item = bank()[key]
    given = [row[key] for row in answers if key in row]
    with_a_view = [value for value in given if value not in NO_VIEW]
    return PositiveShare(
        sum(1 for value in with_a_view if value in item.positive), len(with_a_view)
    )


def _choice_questions(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        question
        for page in schema["pages"]
        for question in page["questions"]
        if question["type"] in ("radios", "checkboxes")
    ]


def question_results(survey: Survey) -> list[QuestionResult]:
    version = version_of(survey)
    answers = list(survey.responses.values_list("answers", flat=True))
    known = bank()
    results = []
    for question in _choice_questions(version.schema):
        key = question["id"]
        counts: Counter[str] = Counter()
        answered = 0
        for row in answers:
            value = row.get(key)
            if value in (None, "", []):
                continue
            answered += 1
            counts.update(value if isinstance(value, list) else [value])
        options = [
            OptionCount(option["value"], text_in(option["label"], "en"), counts[option["value"]])
            for option in question["options"]
        ]
        item = known.get(key)
        share = positive_share(key, answers) if item is not None and item.positive else None
        results.append(
            QuestionResult(
                key,
                text_in(question["label"], "en"),
                item is not None,
                answered,
                options,
                share.positive if share else None,
                share.with_a_view if share else None,
            )
        )
    return results


@dataclass(frozen=True)
class RateRow:
    stratum: str
    invited: int
    answered: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None


def response_rates(survey: Survey, by: str) -> list[RateRow]:
    """Invitations and answers by one stratum (age band, ward or tenure), as at invitation."""
    if by not in STRATA:
        raise ValueError(f"Not a stratum: {by}")
    invited: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for value, answered_at in Invitation.objects.filter(survey=survey).values_list(
        by, "answered_at"
    ):
        invited[value or NOT_GIVEN] += 1
        if answered_at is not None:
            answered[value or NOT_GIVEN] += 1
    return [RateRow(key, invited[key], answered[key]) for key in sorted(invited)]


@dataclass(frozen=True)
class FreeText:
    key: str
    label: str
    answers: list[str]
    themes: list[tuple[str, int]] = field(default_factory=list)  # (theme, answers using it)
    unthemed: int = 0


def free_text(survey: Survey) -> list[FreeText]:
    version = version_of(survey)
    themes = list(CommentTheme.objects.filter(is_active=True).order_by("name"))
    answers = list(
        survey.responses.order_by("submitted_at", "pk").values_list("answers", flat=True)
    )
    found = []
    for page in version.schema["pages"]:
        for question in page["questions"]:
            if question["type"] not in ("text", "long_text"):
                continue
            texts = [row[question["id"]] for row in answers if row.get(question["id"])]
            counts: Counter[str] = Counter()
            unthemed = 0
            for text in texts:
                matched = themes_in(text, themes)
                counts.update(theme.name for theme in matched)
                unthemed += not matched
            found.append(
                FreeText(
                    question["id"],
                    text_in(question["label"], "en"),
                    texts,
                    sorted(counts.items(), key=lambda item: (-item[1], item[0])),
                    unthemed,
                )
            )
    return found


def export_rows(survey: Survey) -> list[list[Any]]:
    """Every response, one a row: its number (the response's own, as "You said, we did" names
    it), the day, its language, the strata (not for an anonymous survey: the results page hides
    small groups, a row with a ward, an age band and a tenure could name the person), then each
    question's answer (the option's English label); headings first. No name or contact
    details."""
    version = version_of(survey)
    questions = [q for page in version.schema["pages"] for q in page["questions"]]
    strata = () if survey.is_anonymous else STRATA
    rows: list[list[Any]] = [
        ["Response", "Sent on", "Language", *strata, *(q["id"] for q in questions)]
    ]
    responses: Iterable[Response] = survey.responses.order_by("submitted_at", "pk")
    for response in responses:
        rows.append(
            [
                response.pk,
                timezone.localdate(response.submitted_at),
                response.language,
                *(getattr(response, name) for name in strata),
                *(_in_english(q, response.answers.get(q["id"])) for q in questions),
            ]
        )
    return rows


def _in_english(question: dict[str, Any], value: Any) -> str:
    if value in (None, "", []):
        return ""
    with translation.override("en"):
        return display_answer(question, value)
