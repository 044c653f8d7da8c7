"""The assessment's lifecycle: draft → submitted → confirmed, or submitted → returned for
changes → submitted again. Only a draft or a returned assessment may be answered; only a
submitted one may be moderated. Who may make each move is in policies.py."""

from __future__ import annotations

from opencex.readiness.models import AssessmentStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    AssessmentStatus.DRAFT: frozenset({AssessmentStatus.SUBMITTED}),
    AssessmentStatus.RETURNED: frozenset({AssessmentStatus.SUBMITTED}),
    AssessmentStatus.SUBMITTED: frozenset({AssessmentStatus.RETURNED, AssessmentStatus.CONFIRMED}),
    AssessmentStatus.CONFIRMED: frozenset(),
}
ANSWERABLE = frozenset({AssessmentStatus.DRAFT, AssessmentStatus.RETURNED})


class WorkflowError(Exception):
    """A move the lifecycle does not allow, with a message the officer can act on."""


def may_move(status: str, to: str) -> bool:
    return to in TRANSITIONS[status]


def check_move(status: str, to: str) -> None:
    if not may_move(status, to):
        raise WorkflowError(
            f"An assessment that is {AssessmentStatus(status).label.lower()} cannot be "
            f"{AssessmentStatus(to).label.lower()}."
        )


def is_answerable(status: str) -> bool:
    return status in ANSWERABLE
