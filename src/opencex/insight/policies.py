"""Who may read the council's performance reports."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

# Managers run services against these figures; information governance answers for FOI and SAR
# timeliness; administrators support both.
REPORT_ROLES = (Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR)


def can_view_reports(actor) -> bool:
    return is_signed_in(actor) and actor.role in REPORT_ROLES
