"""The open proposals an officer sees: grouped by main job for the queue, and those about one
case for its page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Q

from opencex.cases.models import OPEN_STATUSES, Case
from opencex.duplicatereports.models import DuplicateProposal, ProposalStatus
from opencex.duplicatereports.policies import visible_proposals


@dataclass
class Job:
    """A main job and the open reports proposed as the same job."""

    main: Case
    proposals: list[DuplicateProposal] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.main.pk


def _open(actor, *, main_open: bool = True):
    proposals = visible_proposals(actor).filter(
        status=ProposalStatus.OPEN, case__status__in=OPEN_STATUSES
    )
    if main_open:
        proposals = proposals.filter(main__status__in=OPEN_STATUSES)
    return proposals.select_related("case", "main", "main__team", "main__service", "case__service")


def open_jobs(
    actor, *, main_id: int | None = None, main_ids=None, main_open: bool = True
) -> list[Job]:
    """The jobs with open proposals, each with its proposals, by team then oldest main first.
    `main_open=False` finds a job closed a moment ago too (its merge is then refused)."""
    proposals = _open(actor, main_open=main_open)
    if main_id is not None:
        proposals = proposals.filter(main_id=main_id)
    if main_ids is not None:
        proposals = proposals.filter(main_id__in=main_ids)
    jobs: dict[int, Job] = {}
    for proposal in proposals.order_by("main__received_at", "main_id", "case__received_at"):
        jobs.setdefault(proposal.main_id, Job(main=proposal.main)).proposals.append(proposal)
    return sorted(jobs.values(), key=lambda job: job.main.team.name if job.main.team else "")


def job_mains(actor):
    """The main jobs with open proposals, in the queue's order, to be paged by their ids (the
    rows of a page are then read with `open_jobs(actor, main_ids=...)`)."""
    return Case.objects.filter(
        pk__in=_open(actor).values("main_id"), status__in=OPEN_STATUSES
    ).order_by(F("team__name").asc(nulls_first=True), "received_at", "pk")


def proposals_about(actor, case: Case) -> list[DuplicateProposal]:
    """The open proposals naming `case`, as the later report or as the main job."""
    return list(_open(actor).filter(Q(case=case) | Q(main=case)).order_by("case__received_at"))
