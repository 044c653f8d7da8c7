"""Who may read the council's performance reports."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

# Managers run services against these figures; information governance answers for FOI and SAR
# timeliness; administrators support both.
REPORT_ROLES = (Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR)


def can_view_reports(actor) -> bool:
    return is_signed_in(actor) and actor.role in REPORT_ROLES


# Targets commit a service to a standard: the managers who run services set them, and
# administrators on their behalf.
TARGET_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def can_set_targets(actor) -> bool:
    return is_signed_in(actor) and actor.role in TARGET_ROLES
