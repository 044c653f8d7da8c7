"""Who may decide on a proposal: whoever may close its report as a duplicate (cases.policies),
and who may see it: whoever may see both reports."""

from __future__ import annotations

from opencex.cases import policies as case_policies
from opencex.duplicatereports.models import DuplicateProposal


def visible_proposals(actor):
    """The proposals about reports `actor` may see, both of them."""
    cases = case_policies.visible_cases(actor)
    return DuplicateProposal.objects.filter(case__in=cases, main__in=cases)


def can_decide(actor, proposal: DuplicateProposal) -> bool:
    return case_policies.can_link_cases(actor, proposal.case) and case_policies.can_view_case(
        actor, proposal.main
    )
