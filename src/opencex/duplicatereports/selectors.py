"""The open proposals an officer sees: grouped by main job for the queue, and those about one
case for its page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from opencex.cases.models import OPEN_STATUSES, Case
from opencex.duplicatereports.models import DuplicateProposal, ProposalStatus
from opencex.duplicatereports.policies import visible_proposals


@dataclass
class Job:
    """A main job and the open reports proposed as the same job."""

    main: Case
    proposals: list[DuplicateProposal] = field(default_factory=list)


def _open(actor):
    return (
        visible_proposals(actor)
        .filter(
            status=ProposalStatus.OPEN,
            case__status__in=OPEN_STATUSES,
            main__status__in=OPEN_STATUSES,
        )
        .select_related("case", "main", "main__team", "case__service")
    )


def open_jobs(actor, *, main_id: int | None = None) -> list[Job]:
    """The jobs with open proposals, each with its proposals, by team then oldest main first."""
    proposals = _open(actor)
    if main_id is not None:
        proposals = proposals.filter(main_id=main_id)
    jobs: dict[int, Job] = {}
    for proposal in proposals.order_by("main__received_at", "main_id", "case__received_at"):
        jobs.setdefault(proposal.main_id, Job(main=proposal.main)).proposals.append(proposal)
    return sorted(jobs.values(), key=lambda job: job.main.team.name if job.main.team else "")


def proposals_about(actor, case: Case) -> list[DuplicateProposal]:
    """The open proposals naming `case`, as the later report or as the main job."""
    return list(_open(actor).filter(Q(case=case) | Q(main=case)).order_by("case__received_at"))
