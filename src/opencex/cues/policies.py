"""Who may see and decide a case's urgency cues.

A special-category cue (self-harm or suicide: health data, UK GDPR art. 9; `Cue.special_category`)
is on the same need to know as the resident's other special-category data (people.policies):
only staff with a need to know see which cue it is, and only they confirm or dismiss it. Other
staff who see the case see only that a cue they cannot see raised its priority. Threats and
bereavement are not special category: the contact centre, which takes the call, must know of a
threat to act on it, and a bereavement is no health data of the resident.
"""

from __future__ import annotations

from django.db.models import Q

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases import policies as case_policies
from opencex.cases.models import Case
from opencex.people import policies as people_policies


def can_see_cues(actor, case: Case) -> bool:
    """Staff who may see the case see that it has cues; never the resident, a partner system or
    anyone else."""
    if not is_signed_in(actor) or not getattr(actor, "is_council_staff", False):
        return False
    if actor.role in {Role.RESIDENT, Role.PARTNER}:
        return False
    return case_policies.can_view_case(actor, case)


def can_see_special_category_cues(actor, case: Case) -> bool:
    """Which special-category cue it is: staff with a need to know about the case's resident
    (people.policies.has_need_to_know); for a case with no resident, the same rule for the case
    itself (a role that reads such data, and the case is their team's or theirs, or the role
    covers every resident)."""
    if not can_see_cues(actor, case):
        return False
    if case.resident_id is not None:
        return people_policies.has_need_to_know(actor, case.resident)
    if actor.role not in people_policies.SENSITIVE_READERS:
        return False
    if actor.role in people_policies.EVERY_RESIDENT_READERS:
        return True
    return (
        Case.objects.filter(pk=case.pk)
        .filter(Q(team__in=actor.teams.all()) | Q(assigned_to=actor))
        .exists()
    )


def can_decide_cues(actor, case: Case, *, special_category: bool = False) -> bool:
    """Confirm or dismiss a cue: who may change the case's priority, and for a special-category
    cue who may see which cue it is."""
    if special_category and not can_see_special_category_cues(actor, case):
        return False
    return can_see_cues(actor, case) and case_policies.can_reassign_case(actor, case)
