"""Who may see or do what with a case: one function per question, and the matching QuerySet.

`can_view_case` and `visible_cases` answer the same question for one case and for many; a test
checks they agree for every role.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseKind, CaseQuerySet, Channel

INFORMATION_RIGHTS = frozenset(
    {CaseKind.FOI, CaseKind.EIR, CaseKind.SAR, CaseKind.FOI_INTERNAL_REVIEW}
)
# Subject access requests hold a resident's own data: only information governance sees them.
RESTRICTED_KINDS = frozenset({CaseKind.SAR})
CASE_HANDLERS = frozenset(
    {Role.CASEWORKER, Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}
)
ROUTERS = frozenset({Role.CONTACT_CENTRE, Role.TEAM_MANAGER, Role.ADMINISTRATOR})


def _team_ids(actor) -> set[int]:
    cached = getattr(actor, "_opencex_team_ids", None)
    if cached is None:
        cached = set(actor.teams.values_list("id", flat=True))
        actor._opencex_team_ids = cached
    return cached


def visible_cases(actor) -> CaseQuerySet:
    """Every case `actor` may see."""
    cases = Case.objects.all()
    if not is_signed_in(actor):
        return cases.none()
    if actor.role == Role.ADMINISTRATOR:
        return cases
    if actor.role == Role.RESIDENT:
        return cases.filter(resident__user=actor)
    if actor.role == Role.PARTNER:
        return cases.filter(created_by=actor)
    own = Q(team__in=_team_ids(actor)) | Q(assigned_to=actor)
    if actor.role == Role.CONTACT_CENTRE:
        return cases.filter(own | ~Q(kind__in=RESTRICTED_KINDS))
    if actor.role == Role.INFORMATION_GOVERNANCE:
        return cases.filter(own | Q(kind__in=INFORMATION_RIGHTS))
    if actor.role in {Role.CASEWORKER, Role.TEAM_MANAGER}:
        return cases.filter(own)
    return cases.none()


def can_view_case(actor, case: Case) -> bool:
    if not is_signed_in(actor):
        return False
    if actor.role == Role.ADMINISTRATOR:
        return True
    if actor.role == Role.RESIDENT:
        return case.resident is not None and case.resident.user_id == actor.id
    if actor.role == Role.PARTNER:
        return case.created_by_id == actor.id
    is_own = case.team_id in _team_ids(actor) or case.assigned_to_id == actor.id
    if actor.role == Role.CONTACT_CENTRE:
        return is_own or case.kind not in RESTRICTED_KINDS
    if actor.role == Role.INFORMATION_GOVERNANCE:
        return is_own or case.kind in INFORMATION_RIGHTS
    if actor.role in {Role.CASEWORKER, Role.TEAM_MANAGER}:
        return is_own
    return False


def can_open_case(actor, *, channel: str) -> bool:
    """Residents (signed in or not) open cases on the web; staff log them from any channel but a
    partner system's; partner systems (a service account) only on their own channel."""
    if is_signed_in(actor) and actor.role == Role.PARTNER:
        return channel == Channel.PARTNER_API
    if channel == Channel.PARTNER_API:
        return False
    if not is_signed_in(actor) or actor.role == Role.RESIDENT:
        return channel == Channel.WEB
    return actor.is_council_staff


def can_add_note(actor, case: Case) -> bool:
    return is_signed_in(actor) and actor.is_council_staff and can_view_case(actor, case)


def can_open_attachments(actor, case: Case) -> bool:
    """Open the files on a case: council staff who may see the case (a subject access request's
    proof of identity therefore only for those who may see subject access requests)."""
    return is_signed_in(actor) and actor.is_council_staff and can_view_case(actor, case)


def can_handle_case(actor, case: Case) -> bool:
    """Change status, acknowledge, pause, extend, respond, close."""
    if not (is_signed_in(actor) and actor.role in CASE_HANDLERS and can_view_case(actor, case)):
        return False
    if case.stage == 2 and case.stage1_handled_by_id == actor.pk:
        return False  # the Complaint Handling Code: stage 2 is handled by someone else
    if case.kind in INFORMATION_RIGHTS:
        return actor.role in {Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR} or (
            case.team_id in _team_ids(actor)
        )
    return True


def can_link_cases(actor, case: Case) -> bool:
    """Link `case` to a related case, or close it as a duplicate of another: its handlers. The
    other case need only be one the actor may see."""
    return can_handle_case(actor, case)


def can_reassign_case(actor, case: Case) -> bool:
    if not (is_signed_in(actor) and can_view_case(actor, case)):
        return False
    return actor.role in ROUTERS or can_handle_case(actor, case)


@dataclass(frozen=True)
class ReferenceGrant:
    """Proof held in a browser session by a visitor without an account: they gave this case's
    reference and the email address used for it. It lets them act as the resident on that one
    case, never as staff."""

    case_id: int
    email: str


def grant_holds(grant: ReferenceGrant | None, case: Case) -> bool:
    if grant is None or grant.case_id != case.pk:
        return False
    return case.is_client_email(grant.email)


def can_bulk_reassign(actor) -> bool:
    """Moving many cases at once is a manager's job; each case is still checked by
    `can_reassign_case` when the service moves it."""
    return is_signed_in(actor) and actor.role in {Role.TEAM_MANAGER, Role.ADMINISTRATOR}


def can_act_as_resident_on(actor, case: Case, grant: ReferenceGrant | None = None) -> bool:
    """The resident whose case it is (signed in, or holding a reference grant): withdraw it,
    reopen it, escalate a complaint, reply."""
    is_owner = (
        is_signed_in(actor)
        and actor.role == Role.RESIDENT
        and case.resident is not None
        and case.resident.user_id == actor.id
    )
    return is_owner or grant_holds(grant, case)


def can_escalate_complaint(actor, case: Case, grant: ReferenceGrant | None = None) -> bool:
    return can_act_as_resident_on(actor, case, grant) or can_handle_case(actor, case)
