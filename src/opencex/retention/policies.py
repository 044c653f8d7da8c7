"""Who may see the retention schedule's work and erase a resident's data: information governance
(the council's data protection function) and administrators."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

GOVERNANCE_ROLES = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})


def can_manage_retention(actor) -> bool:
    """See the schedule, its runs and the special-category reviews due; record a review."""
    return is_signed_in(actor) and actor.role in GOVERNANCE_ROLES


def can_erase_resident(actor, resident) -> bool:
    """Erase a resident's personal data at their request, where the law allows."""
    return is_signed_in(actor) and actor.role in GOVERNANCE_ROLES
