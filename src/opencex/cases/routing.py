"""Which team a new case goes to: its service's team, or the profile's team for its kind."""

from __future__ import annotations

from django.conf import settings

from opencex.cases.models import CaseKind
from opencex.catalogue.models import Team

_INFORMATION_RIGHTS = {CaseKind.FOI, CaseKind.EIR, CaseKind.SAR, CaseKind.FOI_INTERNAL_REVIEW}
_FEEDBACK = {CaseKind.COMPLAINT, CaseKind.COMPLIMENT, CaseKind.COMMENT}


def team_for(*, kind: str, service) -> Team | None:
    routing = settings.COUNCIL_PROFILE.routing
    if kind in _INFORMATION_RIGHTS:
        slug = routing.information_rights
    elif service is not None and service.team_id is not None:
        return service.team
    elif kind in _FEEDBACK:
        slug = routing.feedback
    else:
        slug = routing.general
    return Team.objects.filter(slug=slug).first()
