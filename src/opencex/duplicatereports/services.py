"""Proposing reports as one job and the officer's decisions on the proposals.

A proposal is only a suggestion (recorded through aigovernance); merging is
cases.links.mark_duplicate for each report, the one door that closes a case as a duplicate and
makes its reporter a follower of the main job."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from opencex.aigovernance import switches
from opencex.aigovernance.models import Outcome
from opencex.aigovernance.services import record_decision, record_suggestion
from opencex.cases import links
from opencex.cases.errors import CaseError
from opencex.cases.models import OPEN_STATUSES, Case
from opencex.duplicatereports import policies
from opencex.duplicatereports.models import (
    DEFAULT_DAYS,
    DEFAULT_METRES,
    DuplicateProposal,
    MatchingRule,
    ProposalStatus,
    ReportPlace,
)
from opencex.duplicatereports.places import record_place
from opencex.duplicatereports.rule import MODEL_VERSION, Match, Report, match

MODEL_KEY = "duplicate_reports"


def rule_for(service_id: int | None) -> tuple[int, int]:
    """(metres, days) for the service's reports: its own row, or the defaults."""
    rule = MatchingRule.objects.filter(service_id=service_id).first() if service_id else None
    return (rule.metres, rule.days) if rule else (DEFAULT_METRES, DEFAULT_DAYS)


def report_of(case: Case, place: ReportPlace | None) -> Report:
    return Report(
        id=case.pk,
        service_id=case.service_id,
        received_at=case.received_at,
        text=f"{case.subject}\n{case.description}",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        precision_m=place.precision_m if place else None,
        postcode=place.postcode if place else "",
        uprn=place.uprn if place else "",
    )


def _earlier_open_reports(case: Case, days: int) -> list[Case]:
    """Open reports of the same service (or, for same-text matches, the same team) received in
    the `days` before `case`: a range scan of the places' (service, received_at) index."""
    since: datetime = case.received_at - timedelta(days=days)
    same = Q(service_id=case.service_id) if case.service_id else Q(pk__in=[])
    if case.team_id:
        same |= Q(case__team_id=case.team_id)
    places = (
        ReportPlace.objects.filter(same, received_at__gte=since, received_at__lte=case.received_at)
        .filter(case__status__in=OPEN_STATUSES)
        .exclude(case_id=case.pk)
        .select_related("case")
        .order_by("received_at", "case_id")
    )
    return [place.case for place in places]


def _place_of(case: Case) -> ReportPlace | None:
    try:
        return case.report_place
    except ReportPlace.DoesNotExist:
        return None


def find_matches(case: Case) -> list[tuple[Case, Match]]:
    """The earlier open reports that look like the same problem as `case`, earliest first."""
    metres, days = rule_for(case.service_id)
    mine = report_of(case, _place_of(case) or record_place(case))
    found = []
    for other in _earlier_open_reports(case, days):
        place = _place_of(other) or record_place(other)
        found_match = match(mine, report_of(other, place), metres=metres, days=days)
        if found_match is not None:
            found.append((other, found_match))
    return found


def propose_for(case: Case) -> DuplicateProposal | None:
    """Propose `case` as the same job as the earliest open report it matches (that report's own
    main job, if it is already proposed as part of one); recorded as the model's suggestion.
    None when the switch is off, nothing matches, or the pair was proposed before."""
    if not switches.is_on(MODEL_KEY) or case.status not in OPEN_STATUSES:
        return None
    matches = find_matches(case)
    if not matches:
        return None
    main, found = matches[0]
    # Join the job the earliest match is already proposed for, when this report matches it too.
    joined = (
        DuplicateProposal.objects.filter(case=main, status=ProposalStatus.OPEN)
        .values_list("main_id", flat=True)
        .first()
    )
    main, found = next(((other, m) for other, m in matches if other.pk == joined), (main, found))
    if DuplicateProposal.objects.filter(Q(case=case, main=main) | Q(case=main, main=case)).exists():
        return None
    try:
        with transaction.atomic():
            suggestion = record_suggestion(
                model_key=MODEL_KEY,
                model_version=MODEL_VERSION,
                subject_type="case",
                subject_id=case.pk,
                suggested={"main": main.reference},
                confidence=found.score,
                reasons=found.reasons,
            )
            return DuplicateProposal.objects.create(
                case=case,
                main=main,
                team_id=case.team_id,
                score=found.score,
                reasons=list(found.reasons),
                suggestion=suggestion,
            )
    except IntegrityError:  # the same pair proposed a moment ago by another job
        return None


def sweep(*, now: datetime | None = None) -> int:
    """The daily pass over open reports: retire proposals whose reports are no longer open, then
    propose for every open report received within the longest window; returns how many new."""
    now = now or timezone.now()
    DuplicateProposal.objects.filter(status=ProposalStatus.OPEN).filter(
        ~Q(case__status__in=OPEN_STATUSES) | ~Q(main__status__in=OPEN_STATUSES)
    ).update(status=ProposalStatus.GONE)
    if not switches.is_on(MODEL_KEY):
        return 0
    longest = max([DEFAULT_DAYS, *MatchingRule.objects.values_list("days", flat=True)])
    recent = Case.objects.filter(
        status__in=OPEN_STATUSES, received_at__gte=now - timedelta(days=longest)
    ).exclude(service__isnull=True, team__isnull=True)
    made = 0
    for case in recent.order_by("received_at", "pk").select_related("property"):
        if propose_for(case) is not None:
            made += 1
    return made


def _root(case: Case) -> Case:
    """The main job a report belongs to: itself, or the case it was closed as a duplicate of."""
    original = links.original_of(case)
    return original or case


def _locked_open(proposal_ids: Sequence[int]) -> list[DuplicateProposal]:
    proposals = list(
        DuplicateProposal.objects.select_for_update(of=("self",))
        .filter(pk__in=proposal_ids)
        .select_related("case", "main", "suggestion")
        .order_by("pk")
    )
    if len(proposals) != len(set(proposal_ids)):
        raise CaseError("One of these proposals no longer exists. Reload the page.")
    for proposal in proposals:
        if proposal.status != ProposalStatus.OPEN:
            raise CaseError(
                f"The proposal about {proposal.case.reference} was already decided. "
                "Reload the page."
            )
    return proposals


@transaction.atomic
def merge(*, actor, proposal_ids: Sequence[int]) -> Case:
    """Merge the proposed reports into their main job (five reports, one job): each is closed
    as a duplicate of the main job through cases.links.mark_duplicate, and the officer's
    decision is recorded. All or none. Returns the main job."""
    if not proposal_ids:
        raise CaseError("Choose at least one report to merge.")
    proposals = _locked_open(proposal_ids)
    mains = {proposal.main_id for proposal in proposals}
    if len(mains) != 1:
        raise CaseError("Merge the reports of one job at a time.")
    for proposal in proposals:
        if not policies.can_decide(actor, proposal):
            raise PermissionDenied("You cannot merge these reports.")
    main = _root(proposals[0].main)
    # The job is locked and must still be open: closed since the page was read, its new
    # followers would hear of nothing again.
    main = Case.objects.select_for_update(of=("self",)).get(pk=main.pk)
    if main.status not in OPEN_STATUSES:
        raise CaseError(
            f"Job {main.reference} was closed a moment ago, so no reports can be merged into "
            "it. Reload the page."
        )
    now = timezone.now()
    for proposal in proposals:
        links.mark_duplicate(
            actor=actor,
            case=proposal.case,
            original_reference=main.reference,
            reason=f"Same job ({', '.join(proposal.reasons)})"[:300],
        )
        proposal.status, proposal.decided_by, proposal.decided_at = (
            ProposalStatus.MERGED,
            actor,
            now,
        )
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        corrected = main.pk != proposal.main_id
        record_decision(
            suggestion=proposal.suggestion,
            actor=actor,
            outcome=Outcome.CORRECTED if corrected else Outcome.ACCEPTED,
            correction={"main": main.reference} if corrected else None,
        )
    merged = [proposal.case_id for proposal in proposals]
    DuplicateProposal.objects.filter(status=ProposalStatus.OPEN, case_id__in=merged).update(
        status=ProposalStatus.GONE
    )
    # A report proposed as the same job as one now merged is proposed for the main job instead.
    for waiting in DuplicateProposal.objects.filter(status=ProposalStatus.OPEN, main_id__in=merged):
        if DuplicateProposal.objects.filter(case_id=waiting.case_id, main=main).exists():
            waiting.status = ProposalStatus.GONE
        else:
            waiting.main = main
        waiting.save(update_fields=["status", "main"])
    return main


@transaction.atomic
def not_the_same(*, actor, proposal_id: int, note: str = "") -> DuplicateProposal:
    """The officer says the two reports are different problems: the pair is never proposed
    again, and the decision is recorded."""
    [proposal] = _locked_open([proposal_id])
    if not policies.can_decide(actor, proposal):
        raise PermissionDenied("You cannot decide on these reports.")
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.NOT_SAME,
        actor,
        timezone.now(),
    )
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    record_decision(
        suggestion=proposal.suggestion, actor=actor, outcome=Outcome.DISMISSED, note=note
    )
    return proposal
