"""Who may see a resident's record and their special-category data."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

# Roles that need health and vulnerability details to do their job; everyone else on the staff
# side sees only that a resident is to be triaged first (Resident.is_priority).
SENSITIVE_READERS = frozenset(
    {Role.CASEWORKER, Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}
)
SENSITIVE_WRITERS = SENSITIVE_READERS | {Role.CONTACT_CENTRE}


def can_view_resident(actor, resident) -> bool:
    if not is_signed_in(actor):
        return False
    if actor.role == Role.RESIDENT:
        return resident.user_id == actor.id
    return actor.is_council_staff


def can_view_sensitive_information(actor, resident) -> bool:
    return is_signed_in(actor) and actor.role in SENSITIVE_READERS


def can_record_sensitive_information(actor, resident) -> bool:
    """Contact-centre officers take the calls on the vulnerable-resident line, so they may record
    a vulnerability they are told about, though not read back what others recorded."""
    return is_signed_in(actor) and actor.role in SENSITIVE_WRITERS


def can_change_contact_preferences(actor, resident) -> bool:
    """The resident themselves, or staff recording what a resident told them."""
    if not is_signed_in(actor):
        return False
    return resident.user_id == actor.id or actor.is_council_staff
