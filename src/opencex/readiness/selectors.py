"""Reading readiness: an assessment's scores (per question, per strand, overall), each area's
latest confirmed assessment, the matrix of strands by area, an area's scores over time, the
council-wide scores and plan the public page shows, and the evidence for each CSE criterion.

Scores: a strand's score is the mean of its questions' confirmed levels; the overall score is
the mean of the strand scores (each focus area weighs the same, whatever its number of
questions); both to one decimal place, halves rounded up. A self-assessment not yet confirmed
is scored on the service's own levels, and says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from opencex.catalogue.models import ServiceArea
from opencex.readiness import cse
from opencex.readiness.framework import Framework, framework_named
from opencex.readiness.models import Action, Assessment, AssessmentStatus, Rag


def mean(levels: list[int] | list[Decimal]) -> Decimal | None:
    if not levels:
        return None
    total = sum((Decimal(level) for level in levels), Decimal(0))
    return (total / len(levels)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Scores:
    strands: dict[str, Decimal | None]  # strand key → score
    overall: Decimal | None
    levels: dict[str, int | None]  # question key → level scored


def scores(assessment: Assessment, *, confirmed: bool | None = None) -> Scores:
    """The assessment's scores: on the confirmed levels once confirmed (or `confirmed=True`),
    on the service's own levels otherwise."""
    framework = framework_named(assessment.framework)
    if confirmed is None:
        confirmed = assessment.status == AssessmentStatus.CONFIRMED
    answers = {answer.question_key: answer for answer in assessment.answers.all()}
    levels: dict[str, int | None] = {}
    strands: dict[str, Decimal | None] = {}
    for strand in framework.strands:
        scored = []
        for question in strand.questions:
            answer = answers.get(question.key)
            level = None
            if answer is not None:
                level = answer.confirmed_level if confirmed else answer.self_level
            levels[question.key] = level
            if level is not None:
                scored.append(level)
        strands[strand.key] = mean(scored)
    overall = mean([score for score in strands.values() if score is not None])
    return Scores(strands, overall, levels)


def latest_confirmed() -> dict[int, Assessment]:
    """Each service area's latest confirmed assessment, by the area's id."""
    latest: dict[int, Assessment] = {}
    confirmed = (
        Assessment.objects.filter(status=AssessmentStatus.CONFIRMED)
        .select_related("service_area")
        .prefetch_related("answers")
        .order_by("confirmed_at", "pk")
    )
    for assessment in confirmed:
        latest[assessment.service_area_id] = assessment
    return latest


@dataclass(frozen=True)
class MatrixRow:
    service_area: ServiceArea
    assessment: Assessment
    scores: Scores


def matrix(framework: Framework) -> list[MatrixRow]:
    """Strand by service area: each area's latest confirmed assessment made against `framework`
    (scores of different models do not compare), by area name."""
    rows = [
        MatrixRow(assessment.service_area, assessment, scores(assessment))
        for assessment in latest_confirmed().values()
        if assessment.framework == framework.name
    ]
    return sorted(rows, key=lambda row: row.service_area.name)


def council_scores(framework: Framework) -> Scores:
    """Council-wide: each strand's mean over the areas' latest confirmed scores."""
    rows = matrix(framework)
    strands = {
        strand.key: mean(
            [s for row in rows if (s := row.scores.strands.get(strand.key)) is not None]
        )
        for strand in framework.strands
    }
    overall = mean([score for score in strands.values() if score is not None])
    return Scores(strands, overall, {})


def history(service_area: ServiceArea) -> list[tuple[Assessment, Scores]]:
    """The area's confirmed assessments, oldest first, with their scores."""
    confirmed = (
        service_area.readiness_assessments.filter(status=AssessmentStatus.CONFIRMED)
        .prefetch_related("answers")
        .order_by("confirmed_at", "pk")
    )
    return [(assessment, scores(assessment)) for assessment in confirmed]


def rag_counts(actions: list[Action], today: date) -> Counter:
    """How many actions show each status today (an overdue one counts as red)."""
    return Counter(action.rag_on(today) for action in actions)


@dataclass(frozen=True)
class PlanStrand:
    key: str
    title: str
    score: Decimal | None
    actions: list[Action]
    counts: Counter = field(default_factory=Counter)


def public_plan(framework: Framework, today: date) -> list[PlanStrand]:
    """The public action plan by strand: the council-wide score, the public actions (titles,
    due dates, statuses; never who owns them) and how many show each status."""
    council = council_scores(framework)
    actions = list(
        Action.objects.public().filter(framework=framework.name).order_by("due_on", "pk")
    )
    by_strand: dict[str, list[Action]] = defaultdict(list)
    for action in actions:
        by_strand[action.strand_key].append(action)
    return [
        PlanStrand(
            strand.key,
            strand.title,
            council.strands[strand.key],
            by_strand[strand.key],
            rag_counts(by_strand[strand.key], today),
        )
        for strand in framework.strands
    ]


@dataclass(frozen=True)
class EvidenceItem:
    service_area: str
    source: str  # "assessment" or "action"
    question_number: str
    question: str
    level: int | None
    evidence: str
    links: list[str]
    dated: date | None
    reference: cse.Reference


@dataclass(frozen=True)
class CriterionEvidence:
    number: str
    title: str
    sub_criteria: list[tuple[cse.Criterion, list[EvidenceItem]]]


def cse_evidence(framework: Framework) -> list[CriterionEvidence]:
    """For each CSE criterion and sub-criterion: the evidence of the areas' latest confirmed
    assessments (each answer with evidence, at its confirmed level) and of completed actions,
    by the references the model's questions give."""
    items: dict[str, list[EvidenceItem]] = defaultdict(list)
    for assessment in latest_confirmed().values():
        if assessment.framework != framework.name:
            continue
        for answer in assessment.answers.all():
            question = framework.question(answer.question_key)
            if question is None or not answer.evidence:
                continue
            for reference in question.cse:
                items[reference.sub_criterion].append(
                    EvidenceItem(
                        assessment.service_area.name,
                        "assessment",
                        question.number,
                        question.text,
                        answer.confirmed_level,
                        answer.evidence,
                        answer.link_list,
                        assessment.confirmed_on,
                        reference,
                    )
                )
    completed = Action.objects.filter(framework=framework.name, rag=Rag.COMPLETE).select_related(
        "service_area"
    )
    for action in completed:
        question = framework.question(action.question_key)
        if question is None:
            continue
        for reference in question.cse:
            items[reference.sub_criterion].append(
                EvidenceItem(
                    action.service_area.name,
                    "action",
                    question.number,
                    action.title,
                    action.to_level,
                    action.evidence,
                    [],
                    action.completed_on,
                    reference,
                )
            )
    return [
        CriterionEvidence(
            criterion.number,
            criterion.title,
            [
                (
                    sub,
                    sorted(items[sub.number], key=lambda i: (i.reference.element, i.service_area)),
                )
                for sub in cse.SUB_CRITERIA
                if sub.number.split(".")[0] == criterion.number
            ],
        )
        for criterion in cse.CRITERIA
    ]
