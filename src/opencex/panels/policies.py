"""Who may see the panels' members, read a member's contact details, moderate what members wrote,
read the panels' make-up, and invite residents to join."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.panels.models import MembershipStatus

# The engagement and research work is managers' and administrators'; information governance
# answers for the data. Caseworkers and the contact centre have no need to see the panels.
PANEL_ROLES = (Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR)
# Those who contact members (about a survey, an event): team managers and administrators.
# Information governance sees the list, not the addresses.
CONTACT_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR)
MODERATOR_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def _staff_in(actor, roles) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in roles


def can_view_panels(actor) -> bool:
    return _staff_in(actor, PANEL_ROLES)


def can_see_member_contact_details(actor, membership) -> bool:
    """A member's email and phone are for officers who contact members. A Youth Panel member's
    are shown only once they are a member (never while a parent has not agreed); every read is
    logged (panels.services.member_contact_details)."""
    if not _staff_in(actor, CONTACT_ROLES) or membership.left_at is not None:
        return False
    return membership.status == MembershipStatus.MEMBER


def can_moderate_messages(actor) -> bool:
    return _staff_in(actor, MODERATOR_ROLES)


def can_invite_to_panel(actor) -> bool:
    return _staff_in(actor, CONTACT_ROLES)
