"""Who may do what with a complaint, on top of the case rules in `cases.policies`."""

from __future__ import annotations

from datetime import date

from opencex.accounts.actors import account_or_none
from opencex.cases import policies
from opencex.cases.models import Case, CaseKind, Status
from opencex.complaints.models import StageResponse


def is_complaint(case: Case) -> bool:
    return case.kind == CaseKind.COMPLAINT


def stage_one_handler_ids(case: Case) -> set[int]:
    """Who handled stage 1: the officer it was assigned to when escalated, and whoever sent the
    stage 1 response (they may differ when a colleague covered)."""
    ids = {case.stage1_handled_by_id}
    ids.update(
        StageResponse.objects.filter(complaint__case=case, stage=1).values_list(
            "responded_by_id", flat=True
        )
    )
    return {pk for pk in ids if pk is not None}


def is_stage_one_handler(actor, case: Case) -> bool:
    account = account_or_none(actor)
    return account is not None and account.pk in stage_one_handler_ids(case)


def may_handle(actor, case: Case) -> bool:
    """The Complaint Handling Code: stage 2 is handled by someone other than whoever handled
    stage 1. Registered with `cases.owners`, so every act on the case (generic ones too) and
    every reassignment keeps it."""
    return case.stage != 2 or not is_stage_one_handler(actor, case)


def can_handle_complaint(actor, case: Case) -> bool:
    """Acknowledge, extend and respond: the case's handlers (never stage 1's at stage 2)."""
    return is_complaint(case) and policies.can_handle_case(actor, case)


RESPONDABLE_STATUSES = frozenset({Status.ACKNOWLEDGED, Status.IN_PROGRESS})


def complaint_acts(actor, case: Case) -> set[str]:
    """The complaint's own acts the officer `actor` may take now (part of
    `cases.policies.available_actions`): acknowledge, respond, extend, escalate."""
    if not can_handle_complaint(actor, case):
        return set()
    acts = set()
    if case.status == Status.RECEIVED:
        acts.add("acknowledge")
    if case.status in RESPONDABLE_STATUSES:
        acts.add("respond")
        if not case.is_extended:
            acts.add("extend")
    if case.stage == 1 and case.status != Status.WITHDRAWN:
        acts.add("escalate")
    return acts


def can_escalate(actor, case: Case, grant: policies.ReferenceGrant | None = None) -> bool:
    """Ask for stage 2: the resident (signed in or holding a reference grant), or an officer
    handling the complaint."""
    return policies.can_act_as_resident_on(actor, case, grant) or can_handle_complaint(actor, case)


def can_open_complaint_page(actor, case: Case) -> bool:
    """The staff complaint page is for the case's handlers (stage 1 officers may read stage 2)."""
    if not is_complaint(case):
        return False
    return policies.can_handle_case(actor, case) or (
        policies.can_view_case(actor, case) and is_stage_one_handler(actor, case)
    )


def may_escalate_now(case: Case, today: date) -> bool:
    """A resident may ask for stage 2 once we have responded at stage 1, or when the stage 1
    response is overdue."""
    if not is_complaint(case) or case.stage != 1 or case.status == Status.WITHDRAWN:
        return False
    if case.status in {Status.RESPONDED, Status.CLOSED}:
        return True
    return case.is_open and case.due_on is not None and case.due_on < today


def can_treat_as_complaint(actor, case: Case) -> bool:
    """Open a complaint from what a resident said on another case: staff who can see it."""
    return not is_complaint(case) and policies.can_add_note(actor, case)


def can_complain_about(actor, case: Case, grant: policies.ReferenceGrant | None = None) -> bool:
    """The resident makes a complaint from their request's page."""
    return not is_complaint(case) and policies.can_act_as_resident_on(actor, case, grant)
