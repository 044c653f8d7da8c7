"""Who may record a change, link feedback to it, and publish or withdraw it."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

# Officers who read feedback record changes and link it; what the council says in public, and
# the emails that go to residents, are for team managers and administrators.
RECORDING_ROLES = (
    Role.CASEWORKER,
    Role.TEAM_MANAGER,
    Role.INFORMATION_GOVERNANCE,
    Role.ADMINISTRATOR,
)
PUBLISHING_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def can_record_changes(actor) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in RECORDING_ROLES


def can_publish_changes(actor) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in PUBLISHING_ROLES
