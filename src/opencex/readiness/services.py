"""Every write to readiness: starting a self-assessment, saving its answers, submitting it,
returning or confirming it (the moderator), generating the actions that close its gaps, and
updating an action. Each checks the policy, locks the row it changes and records what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.accounts.models import User
from opencex.catalogue.models import ServiceArea
from opencex.readiness import policies, workflow
from opencex.readiness.framework import Framework, current_framework, framework_named
from opencex.readiness.models import (
    Action,
    ActionUpdate,
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    Rag,
)

# An action is due this long after the assessment is confirmed, for each level it must climb
# (actions climb one level at a time: the next level's description is the next step).
WEEKS_PER_LEVEL = 13
DUE_DATE_REACH_DAYS = 3 * 366


class ReadinessError(Exception):
    """Input we cannot accept: `errors` pairs a form field (or "") with what to do."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(message for _field, message in errors))


def _refuse(field: str, message: str) -> ReadinessError:
    return ReadinessError([(field, message)])


def _event(assessment: Assessment, actor: User, action: str, detail: str = "") -> None:
    AssessmentEvent.objects.create(assessment=assessment, actor=actor, action=action, detail=detail)


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update().select_related("service_area").get(pk=assessment.pk)
    )


@transaction.atomic
def start_assessment(*, actor: User, service_area: ServiceArea) -> Assessment:
    """A new draft self-assessment of the area against the current model, one answer a question."""
    if not policies.can_assess(actor, service_area):
        raise PermissionDenied("Only the area's managers and administrators can assess it.")
    ServiceArea.objects.select_for_update().get(pk=service_area.pk)
    if service_area.readiness_assessments.exclude(status=AssessmentStatus.CONFIRMED).exists():
        raise _refuse("service_area", "This service area already has an assessment in progress")
    framework = current_framework()
    assessment = Assessment.objects.create(
        service_area=service_area, framework=framework.name, started_by=actor
    )
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question_key=question.key)
        for question in framework.questions()
    )
    _event(assessment, actor, "started", framework.name)
    return assessment


@dataclass(frozen=True)
class AnswerInput:
    level: int | None
    evidence: str = ""
    links: str = ""


def _checked_links(text: str) -> str:
    links = [line.strip() for line in text.splitlines() if line.strip()]
    for link in links:
        if not link.startswith("https://") or " " in link or len(link) > 500:
            raise ValueError(link)
    return "\n".join(links)


@transaction.atomic
def save_answers(*, actor: User, assessment: Assessment, answers: dict[str, AnswerInput]) -> None:
    """Save some questions' answers (a strand's page): a level chosen needs its evidence; links
    are https addresses, one a line. Nothing is saved if any answer is wrong."""
    assessment = _locked(assessment)
    if not policies.can_assess(actor, assessment.service_area):
        raise PermissionDenied("Only the area's managers and administrators can assess it.")
    if not workflow.is_answerable(assessment.status):
        raise _refuse("", "This assessment has been submitted and can no longer be changed")
    framework = framework_named(assessment.framework)
    errors: list[tuple[str, str]] = []
    rows = {answer.question_key: answer for answer in assessment.answers.all()}
    for key, given in answers.items():
        question = framework.question(key)
        if question is None or key not in rows:
            raise _refuse("", f"There is no question {key!r} in this assessment")
        if given.level is not None and given.level not in range(1, 6):
            errors.append(
                (f"{key}-level", f"Choose a level from 1 to 5 for question {question.number}")
            )
        if given.level is not None and not given.evidence.strip():
            errors.append(
                (
                    f"{key}-evidence",
                    f"Enter the evidence for the level chosen in question {question.number}",
                )
            )
        try:
            links = _checked_links(given.links)
        except ValueError as bad:
            errors.append(
                (
                    f"{key}-links",
                    f"Enter each link in question {question.number} as a full address starting "
                    f"https://, one a line ({str(bad)[:60]} is not)",
                )
            )
            continue
        row = rows[key]
        row.self_level, row.evidence, row.links = given.level, given.evidence.strip(), links
    if errors:
        raise ReadinessError(errors)
    now = timezone.now()  # bulk_update does not set auto_now fields
    for key in answers:
        rows[key].updated_at = now
    Answer.objects.bulk_update(
        [rows[key] for key in answers], ["self_level", "evidence", "links", "updated_at"]
    )
    _event(assessment, actor, "saved", ", ".join(answers))


def unanswered(assessment: Assessment) -> list[Answer]:
    """The answers still without a level or without evidence."""
    return [a for a in assessment.answers.all() if a.self_level is None or not a.evidence.strip()]


@transaction.atomic
def submit_assessment(*, actor: User, assessment: Assessment) -> Assessment:
    """Send the self-assessment to be moderated: every question needs a level and evidence."""
    assessment = _locked(assessment)
    if not policies.can_assess(actor, assessment.service_area):
        raise PermissionDenied("Only the area's managers and administrators can submit it.")
    workflow.check_move(assessment.status, AssessmentStatus.SUBMITTED)
    missing = unanswered(assessment)
    if missing:
        raise _refuse(
            "",
            f"Answer every question before you submit: {len(missing)} still need a level "
            "and evidence",
        )
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor
    assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
    _event(assessment, actor, "submitted")
    return assessment


def _may_moderate(actor: User, assessment: Assessment) -> None:
    if not policies.can_moderate(actor, assessment):
        raise PermissionDenied(
            "A moderator is a manager or administrator from outside the service area who did "
            "not take part in the assessment."
        )


@transaction.atomic
def return_assessment(*, actor: User, assessment: Assessment, reason: str) -> Assessment:
    """Send the assessment back to the service for changes, saying why."""
    assessment = _locked(assessment)
    _may_moderate(actor, assessment)
    workflow.check_move(assessment.status, AssessmentStatus.RETURNED)
    reason = reason.strip()
    if not reason:
        raise _refuse("reason", "Enter what the service needs to change")
    assessment.status = AssessmentStatus.RETURNED
    assessment.returned_reason = reason
    assessment.save(update_fields=["status", "returned_reason"])
    _event(assessment, actor, "returned", reason)
    return assessment


@dataclass(frozen=True)
class Decision:
    level: int | None
    reason: str = ""


@transaction.atomic
def confirm_assessment(
    *, actor: User, assessment: Assessment, decisions: dict[str, Decision]
) -> list[Action]:
    """The moderator confirms each level or sets another with a reason (the service's own level
    is kept beside it), confirms the assessment and generates the actions for its gaps."""
    assessment = _locked(assessment)
    _may_moderate(actor, assessment)
    workflow.check_move(assessment.status, AssessmentStatus.CONFIRMED)
    framework = framework_named(assessment.framework)
    errors: list[tuple[str, str]] = []
    answers = list(assessment.answers.all())
    for answer in answers:
        question = framework.question(answer.question_key)
        number = question.number if question else answer.question_key
        decision = decisions.get(answer.question_key)
        if decision is None or decision.level not in range(1, 6):
            errors.append(
                (f"{answer.question_key}-level", f"Choose the level for question {number}")
            )
            continue
        reason = decision.reason.strip()
        if decision.level != answer.self_level and not reason:
            errors.append(
                (
                    f"{answer.question_key}-reason",
                    f"Enter why question {number} is at a different level from the service's",
                )
            )
        answer.moderated_level, answer.moderation_reason = decision.level, reason
    if errors:
        raise ReadinessError(errors)
    for answer in answers:
        answer.updated_at = timezone.now()
    Answer.objects.bulk_update(answers, ["moderated_level", "moderation_reason", "updated_at"])
    assessment.status = AssessmentStatus.CONFIRMED
    assessment.confirmed_at = timezone.now()
    assessment.moderated_by = actor
    assessment.save(update_fields=["status", "confirmed_at", "moderated_by"])
    changed = sum(1 for answer in answers if answer.moderated_level != answer.self_level)
    _event(assessment, actor, "confirmed", f"{changed} levels changed by the moderator")
    return generate_actions(actor=actor, assessment=assessment)


def _due_on(confirmed_on: date, levels: int) -> date:
    return confirmed_on + timedelta(weeks=WEEKS_PER_LEVEL * levels)


def _target(framework: Framework) -> int:
    return framework.target_level


@transaction.atomic
def generate_actions(*, actor: User, assessment: Assessment) -> list[Action]:
    """An action for each question of a confirmed assessment below the model's target level:
    to climb one level, the next level's description as its next step, owned by the assessor,
    due 13 weeks after confirmation for each level short of the target. Run again, it makes
    nothing twice; nor does it make one where the area's earlier action for the same question
    is still open (that action carries on). Returns the actions made now."""
    assessment = _locked(assessment)
    if not (
        policies.can_moderate(actor, assessment)
        or policies.can_assess(actor, assessment.service_area)
    ):
        raise PermissionDenied("You cannot make actions for this assessment.")
    if assessment.status != AssessmentStatus.CONFIRMED or assessment.confirmed_on is None:
        raise _refuse("", "Only a confirmed assessment's gaps become actions")
    framework = framework_named(assessment.framework)
    open_elsewhere = set(
        Action.objects.filter(service_area=assessment.service_area)
        .exclude(rag=Rag.COMPLETE)
        .exclude(assessment=assessment)
        .values_list("question_key", flat=True)
    )
    already = set(assessment.actions.values_list("question_key", flat=True))
    made = []
    for answer in assessment.answers.order_by("pk"):
        question = framework.question(answer.question_key)
        level = answer.confirmed_level
        if question is None or level is None or level >= _target(framework):
            continue
        if question.key in already or question.key in open_elsewhere:
            continue
        made.append(
            Action.objects.create(
                service_area=assessment.service_area,
                assessment=assessment,
                framework=framework.name,
                strand_key=question.strand_key,
                question_key=question.key,
                title=question.action,
                next_step=question.level_description(level + 1),
                from_level=level,
                to_level=level + 1,
                owner=assessment.started_by,
                due_on=_due_on(assessment.confirmed_on, _target(framework) - level),
                measure_keys=list(question.measures),
            )
        )
    if made:
        _event(assessment, actor, "actions", f"{len(made)} actions generated")
    return made


@transaction.atomic
def update_action(
    *,
    actor: User,
    action: Action,
    text: str,
    rag: str,
    evidence: str = "",
    due_on: date | None = None,
) -> ActionUpdate:
    """A dated update: what has happened, the status now (red, amber, green or complete), the
    evidence (needed to complete it) and, if it moves, the new due date."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not policies.can_update_action(actor, action):
        raise PermissionDenied(
            "Only the action's owner, the area's managers and administrators can update it."
        )
    errors: list[tuple[str, str]] = []
    text, evidence = text.strip(), evidence.strip()
    if not text:
        errors.append(("text", "Enter what has happened"))
    if rag not in Rag.values:
        errors.append(("rag", "Choose the status"))
    if rag == Rag.COMPLETE and not (evidence or action.evidence):
        errors.append(("evidence", "Enter the evidence that the action is complete"))
    # A plan already running may record the date its board agreed, even one now past.
    if due_on is not None and abs((due_on - timezone.localdate()).days) > DUE_DATE_REACH_DAYS:
        errors.append(("due_on", "The new due date must be within 3 years of today"))
    if errors:
        raise ReadinessError(errors)
    action.rag = rag
    if evidence:
        action.evidence = f"{action.evidence}\n\n{evidence}".strip()
    if due_on is not None:
        action.due_on = due_on
    action.completed_on = timezone.localdate() if rag == Rag.COMPLETE else None
    action.save(update_fields=["rag", "evidence", "due_on", "completed_on"])
    return ActionUpdate.objects.create(
        action=action, by=actor, text=text, rag=rag, evidence=evidence, due_on=due_on
    )
