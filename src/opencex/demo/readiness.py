"""The readiness pages in the demo: a confirmed self-assessment for three of the demo manager's
service areas, moderated by the demo administrator, with the actions made from their gaps (one
of them overdue) and a few updates.

Each act goes through readiness.services (start, save, submit, confirm, update), never the
models. Running the demo again adds nothing: it looks for the assessments it made before (their
evidence says "(demo example)"). A few dozen queries: well under a second.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from opencex.accounts.models import User
from opencex.catalogue.models import ServiceArea
from opencex.readiness import services
from opencex.readiness.framework import current_framework
from opencex.readiness.models import Action, Answer, Rag
from opencex.readiness.services import AnswerInput, Decision

DEMO_MARK = "(demo example)"
# For each of the manager's areas (taken in name order), the service's level for each question
# in the model's order, and the moderator's where it differs (with the reason). Plausible, not
# anybody's: a service strong on standards and weaker on data, one the reverse, one in between.
PROFILES: tuple[tuple[list[int], dict[int, int]], ...] = (
    ([4, 3, 3, 3, 3, 2, 3, 2, 2, 3, 2, 2, 3, 3, 3, 2], {2: 2}),
    ([2, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 2, 3], {}),
    ([3, 3, 2, 3, 2, 2, 3, 2, 3, 3, 3, 2, 3, 2, 3, 3], {0: 2, 13: 3}),
)
MODERATION_REASON = "The evidence shows this in some teams but not yet across the service."


def _areas(manager: User) -> list[ServiceArea]:
    return list(
        ServiceArea.objects.filter(teams__members=manager)
        .distinct()
        .order_by("name")[: len(PROFILES)]
    )


@transaction.atomic
def load_demo_readiness(*, manager: User, moderator: User) -> str:
    """Confirmed assessments for up to three of `manager`'s service areas, moderated by
    `moderator` (who must be in none of them), with their actions; one action overdue."""
    if Answer.objects.filter(evidence__endswith=DEMO_MARK).exists():
        return "Readiness: demo assessments already loaded"
    framework = current_framework()
    questions = framework.questions()
    made = 0
    for area, (levels, moderated) in zip(_areas(manager), PROFILES, strict=False):
        assessment = services.start_assessment(actor=manager, service_area=area)
        answers = {}
        for question, level in zip(questions, levels, strict=False):
            answers[question.key] = AnswerInput(
                level,
                f"{question.evidence} Described for {area.name}. {DEMO_MARK}",
            )
        services.save_answers(actor=manager, assessment=assessment, answers=answers)
        services.submit_assessment(actor=manager, assessment=assessment)
        decisions = {
            question.key: Decision(moderated.get(index, level), MODERATION_REASON)
            if index in moderated
            else Decision(level)
            for index, (question, level) in enumerate(zip(questions, levels, strict=False))
        }
        made += len(
            services.confirm_assessment(actor=moderator, assessment=assessment, decisions=decisions)
        )
    _progress(manager)
    return f"Readiness: {made} actions from demo assessments"


def _progress(manager: User) -> None:
    """Updates on the first actions: one complete with evidence, one at risk, one overdue."""
    today = timezone.localdate()
    actions = list(Action.objects.filter(owner=manager).order_by("pk")[:3])
    steps = [
        (Rag.COMPLETE, "Standards published on the website. (demo example)", None),
        (Rag.AMBER, "Waiting for the new web pages. (demo example)", None),
        # The board agreed an earlier date for this one; it has passed: the plan shows it red.
        (Rag.GREEN, "Due date set to the date agreed. (demo example)", today - timedelta(days=7)),
    ]
    for action, (rag, text, due_on) in zip(actions, steps, strict=False):
        services.update_action(
            actor=manager,
            action=action,
            text=text,
            rag=rag,
            evidence="Link to the published page. (demo example)" if rag == Rag.COMPLETE else "",
            due_on=due_on,
        )
