"""Who may see the horizon scan, and who may plan, check, launch, close and publish a
consultation: the owning team's officers plan and check it; its team managers (or
administrators) launch it and publish its results, since that is the council speaking."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

PLANNING_ROLES = (Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def can_view_consultations(actor) -> bool:
    """Every officer sees the horizon scan: seeing what is coming is the point of it."""
    return is_signed_in(actor) and actor.is_active and actor.is_council_staff


def can_plan_consultations(actor) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in PLANNING_ROLES


def _in_owning_team(actor, consultation) -> bool:
    return consultation.team.members.filter(pk=actor.pk).exists()


def can_change_consultation(actor, consultation) -> bool:
    """The owning team's officers, or an administrator."""
    if not can_plan_consultations(actor):
        return False
    return actor.role == Role.ADMINISTRATOR or _in_owning_team(actor, consultation)


def can_approve_consultation(actor, consultation) -> bool:
    """Launching and publishing: the owning team's managers, or an administrator."""
    if not (is_signed_in(actor) and actor.is_active):
        return False
    if actor.role == Role.ADMINISTRATOR:
        return True
    return actor.role == Role.TEAM_MANAGER and _in_owning_team(actor, consultation)
