"""Who may do what with duplicate residents: any officer may look at the review queue and say
two records are the same person (proposing the merge); only team managers, information
governance and administrators merge records and undo merges, as a merge changes whose record
every case, contact and support need is on."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import STAFF_ROLES, Role

MERGERS = frozenset({Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})


def can_review_pairs(actor) -> bool:
    """See the review queue, ask "someone we already know?" and propose a merge."""
    return is_signed_in(actor) and actor.role in STAFF_ROLES


def can_merge_residents(actor) -> bool:
    """Merge two records into one (and see the merge history)."""
    return is_signed_in(actor) and actor.role in MERGERS


def can_undo_merge(actor) -> bool:
    return can_merge_residents(actor)
