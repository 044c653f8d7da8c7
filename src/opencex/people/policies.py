"""Who may see a resident's record and their special-category data.

Special-category details (health, disability, vulnerability, safeguarding) are on a need to know:
a caseworker or team manager reads them only for a resident who has a case with one of their
teams (or assigned to them: "staff see their teams' cases", as cases.policies.visible_cases);
information governance and administrators for any resident. The team holding a support need
reads and reviews that entry only (`support_needs_readable_by`). Otherwise an officer whose role
reads such details may "break the glass": give a reason, which is recorded and shown to information
governance (people.services.break_glass). Everyone on the staff side still sees that a resident
is to be triaged first (Resident.is_priority), never why.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.people.models import Resident, SensitiveInformation

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
    """Every one of the resident's special-category entries: the resident has a case with one of
    the officer's teams or assigned to them, or the officer's role covers every resident."""
    if not (is_signed_in(actor) and actor.role in SENSITIVE_READERS):
        return False
    if actor.role in EVERY_RESIDENT_READERS:
        return True
    return resident.cases.filter(Q(team__in=actor.teams.all()) | Q(assigned_to=actor)).exists()


def support_needs_readable_by(actor) -> QuerySet[SensitiveInformation]:
    """The entries an officer may read and review, one by one (the one rule for who reviews a
    support need: the reviews-due list, the reminders, the review and remove pages): those held
    by one of their teams, and every entry of a resident they have a need to know about
    (`has_need_to_know`); every entry for information governance and administrators. Holding one
    entry gives no sight of the resident's others."""
    if not (is_signed_in(actor) and actor.role in SENSITIVE_READERS):
        return SensitiveInformation.objects.none()
    if actor.role in EVERY_RESIDENT_READERS:
        return SensitiveInformation.objects.all()
    teams = actor.teams.all()
    with_a_case = Resident.objects.filter(Q(cases__team__in=teams) | Q(cases__assigned_to=actor))
    return SensitiveInformation.objects.filter(Q(team__in=teams) | Q(resident__in=with_a_case))


def can_view_sensitive_information(actor, resident) -> bool:
    """Read details without a reason: every entry with a need to know, else the current entries
    their teams hold (people.services.read_sensitive_information returns only those)."""
    if has_need_to_know(actor, resident):
        return True
    return support_needs_readable_by(actor).current().filter(resident=resident).exists()


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


def can_review_support_need(actor, entry: SensitiveInformation) -> bool:
    """Review, change or remove this support need: whoever may read it
    (`support_needs_readable_by`)."""
    return support_needs_readable_by(actor).filter(pk=entry.pk).exists()


def can_give_equality_answers(actor, resident) -> bool:
    """Equality-monitoring answers are the resident's own: only they give or change them, and
    no staff role reads them one by one (insight.reach counts them in groups)."""
    return is_signed_in(actor) and actor.role == Role.RESIDENT and resident.user_id == actor.id


# Who may read one resident's equality answers: only to answer their subject access request,
# so the roles that make subject access exports (inforights.policies.EXPORTERS; a test keeps
# the two the same). Reports only ever count answers (insight.reach).
EQUALITY_ANSWER_READERS = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})


def can_read_equality_answers(actor, resident: Resident) -> bool:
    return is_signed_in(actor) and actor.role in EQUALITY_ANSWER_READERS
