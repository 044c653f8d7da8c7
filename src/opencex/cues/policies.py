"""Who may see and decide a case's urgency cues."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases import policies as case_policies
from opencex.cases.models import Case


def can_see_cues(actor, case: Case) -> bool:
    """Staff who may see the case (a cue may be special-category: self-harm); never the
    resident, a partner system or anyone else."""
    if not is_signed_in(actor) or not getattr(actor, "is_council_staff", False):
        return False
    if actor.role in {Role.RESIDENT, Role.PARTNER}:
        return False
    return case_policies.can_view_case(actor, case)


def can_decide_cues(actor, case: Case) -> bool:
    """Confirm or dismiss a cue: who may change the case's priority."""
    return can_see_cues(actor, case) and case_policies.can_reassign_case(actor, case)
