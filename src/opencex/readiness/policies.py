"""Who may read readiness, assess a service area, moderate an assessment and update actions."""

from __future__ import annotations

from django.db.models import QuerySet

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.catalogue.models import ServiceArea
from opencex.readiness.models import Action, Assessment

# Managers run the services assessed; information governance answers for the evidence the CSE
# assessor reads; administrators support both.
VIEWING_ROLES = (Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR)
# A service lead (a manager of one of the area's teams) assesses; administrators may on its behalf.
ASSESSING_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR)
# Moderation is a peer's check: a manager or administrator from outside the area assessed.
MODERATING_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR)
# The acts on an assessment that make someone one of its assessors.
ASSESSOR_ACTS = ("started", "saved", "submitted")


def _active(actor) -> bool:
    return is_signed_in(actor) and actor.is_active


def can_view_readiness(actor) -> bool:
    return _active(actor) and actor.role in VIEWING_ROLES


def _is_in_area(actor, service_area: ServiceArea) -> bool:
    return actor.teams.filter(service_area=service_area).exists()


def can_assess(actor, service_area: ServiceArea) -> bool:
    """Managers of one of the area's teams, and administrators."""
    if not _active(actor) or actor.role not in ASSESSING_ROLES:
        return False
    return actor.role == Role.ADMINISTRATOR or _is_in_area(actor, service_area)


def areas_assessable_by(actor) -> QuerySet[ServiceArea]:
    """Every service area `can_assess` allows `actor`, in one query (for a list of areas)."""
    if not _active(actor) or actor.role not in ASSESSING_ROLES:
        return ServiceArea.objects.none()
    if actor.role == Role.ADMINISTRATOR:
        return ServiceArea.objects.all()
    return ServiceArea.objects.filter(pk__in=actor.teams.values("service_area"))


def is_assessor_of(actor, assessment: Assessment) -> bool:
    return (
        assessment.started_by_id == actor.pk
        or assessment.events.filter(actor=actor, action__in=ASSESSOR_ACTS).exists()
    )


def can_moderate(actor, assessment: Assessment) -> bool:
    """A manager or administrator who did not assess it and is in none of the area's teams."""
    if not _active(actor) or actor.role not in MODERATING_ROLES:
        return False
    return not is_assessor_of(actor, assessment) and not _is_in_area(actor, assessment.service_area)


def can_update_action(actor, action: Action) -> bool:
    """Its owner, a manager of the area, and administrators."""
    if not _active(actor):
        return False
    if action.owner_id == actor.pk or actor.role == Role.ADMINISTRATOR:
        return True
    return actor.role == Role.TEAM_MANAGER and _is_in_area(actor, action.service_area)
