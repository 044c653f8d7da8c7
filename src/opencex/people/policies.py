"""Who may see a resident's record and their special-category data.

Special-category details (health, disability, vulnerability, safeguarding) are on a need to know:
a caseworker or team manager reads them only for a resident who has a case with one of their
teams (or assigned to them: "staff see their teams' cases", as cases.policies.visible_cases);
information governance and administrators for any resident. Otherwise an officer whose role reads
such details may "break the glass": give a reason, which is recorded and shown to information
governance (people.services.break_glass). Everyone on the staff side still sees that a resident
is to be triaged first (Resident.is_priority), never why.
"""

from __future__ import annotations

from django.db.models import Q

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.people.models import Resident

# Roles that need health and vulnerability details to do their job; everyone else on the staff
# side sees only that a resident is to be triaged first (Resident.is_priority).
SENSITIVE_READERS = frozenset(
    {Role.CASEWORKER, Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}
)
# Of those, the roles whose job covers every resident: answering subject access requests and
# reviewing who read what (information governance), running the system (administrators).
EVERY_RESIDENT_READERS = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})
SENSITIVE_WRITERS = SENSITIVE_READERS | {Role.CONTACT_CENTRE}


def can_view_resident(actor, resident) -> bool:
    if not is_signed_in(actor):
        return False
    if actor.role == Role.RESIDENT:
        return resident.user_id == actor.id
    return actor.is_council_staff


def has_need_to_know(actor, resident) -> bool:
    """The resident has a case with one of the officer's teams or assigned to them, or the
    officer's role covers every resident."""
    if not (is_signed_in(actor) and actor.role in SENSITIVE_READERS):
        return False
    if actor.role in EVERY_RESIDENT_READERS:
        return True
    teams = actor.teams.all()
    if resident.cases.filter(Q(team__in=teams) | Q(assigned_to=actor)).exists():
        return True
    # The team that holds a support need reviews it, so it needs to read it (which entry, by
    # its holding team only: no detail is read here).
    return (
        Resident.objects.filter(pk=resident.pk, sensitive_information__withdrawn_at__isnull=True)
        .filter(sensitive_information__team__in=teams)
        .exists()
    )


def can_view_sensitive_information(actor, resident) -> bool:
    """Read the details without a reason: a role that reads them, with a need to know."""
    return has_need_to_know(actor, resident)


def can_break_glass(actor, resident) -> bool:
    """Read the details with a recorded reason: a role that reads them, without the need to
    know (where there is one, no reason is asked for)."""
    return (
        is_signed_in(actor)
        and actor.role in SENSITIVE_READERS
        and not has_need_to_know(actor, resident)
    )


def can_review_sensitive_access(actor) -> bool:
    """See the break-glass reads, and who read what: information governance, and
    administrators."""
    return is_signed_in(actor) and actor.role in EVERY_RESIDENT_READERS


def can_record_sensitive_information(actor, resident) -> bool:
    """Contact-centre officers take the calls on the vulnerable-resident line, so they may record
    a vulnerability they are told about, though not read back what others recorded."""
    return is_signed_in(actor) and actor.role in SENSITIVE_WRITERS


def can_change_contact_preferences(actor, resident) -> bool:
    """The resident themselves, or staff recording what a resident told them."""
    if not is_signed_in(actor):
        return False
    return resident.user_id == actor.id or actor.is_council_staff


def can_see_reviews_due(actor) -> bool:
    """The support-need reviews list: the roles that read and review support needs."""
    return is_signed_in(actor) and actor.role in SENSITIVE_READERS


def can_review_support_need(actor, resident) -> bool:
    """Review, change or remove a support need: whoever may read it on a need to know."""
    return can_view_sensitive_information(actor, resident)
