"""Who may see the information-rights register, act on its requests and export a resident's data.

Acting on a request (a decision, a fees notice, an extension, a flag, a review, an ICO complaint)
is handling its case, so `cases.policies.can_handle_case` decides: information governance,
administrators, or the case's own team. Exporting everything about a resident is narrower.
"""

from __future__ import annotations

from django.db.models import QuerySet

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseKind, PauseReason
from opencex.cases.policies import INFORMATION_RIGHTS, can_handle_case, visible_cases
from opencex.inforights.models import InformationRequest

# A subject access export holds every case, message and special-category detail about a person.
EXPORTERS = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})


def register_cases(actor) -> QuerySet[Case]:
    """The information-rights cases `actor` may see."""
    return visible_cases(actor).filter(kind__in=INFORMATION_RIGHTS)


def can_act_on_request(actor, case: Case) -> bool:
    return case.kind in INFORMATION_RIGHTS and can_handle_case(actor, case)


FEE_KINDS = frozenset({CaseKind.FOI, CaseKind.EIR, CaseKind.SAR})


def register_acts(actor, case: Case) -> set[str]:
    """The register's acts the officer `actor` may take on `case` now (part of
    `cases.policies.available_actions`)."""
    if not can_act_on_request(actor, case):
        return set()
    open_pause = case.pauses.open().first()
    entry = InformationRequest.objects.filter(case=case).only("decision").first()
    decided = entry is not None and bool(entry.decision)
    waiting_for = open_pause.reason if open_pause is not None else None
    acts = {"ico-complaint"}
    if case.is_open and not decided and open_pause is None:
        acts.add("decision")
    if case.is_open and open_pause is None and case.kind in FEE_KINDS:
        acts.add("fees-notice")
    if waiting_for == PauseReason.FEES_NOTICE:
        acts.add("fee-paid")
    if case.kind == CaseKind.SAR and case.is_open and open_pause is None:
        acts.add("identity-needed")
    if waiting_for == PauseReason.IDENTITY:
        acts.add("identity-verified")
    if case.is_open and not case.is_extended:
        acts.add("extend")
    if case.is_open and not decided:
        acts.add("flag")
    if case.kind == CaseKind.FOI and decided and not case.children.exists():
        acts.add("internal-review")
    return acts


def can_export_everything_about(actor, resident) -> bool:
    return is_signed_in(actor) and actor.role in EXPORTERS
