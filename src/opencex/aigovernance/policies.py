"""Who may read the AI oversight figures."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

OVERSEERS = frozenset({Role.TEAM_MANAGER, Role.ADMINISTRATOR})


def can_view_ai_oversight(actor) -> bool:
    """Managers and administrators: the counts of every model's suggestions and decisions."""
    return is_signed_in(actor) and actor.role in OVERSEERS
