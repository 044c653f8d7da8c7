"""Who may run surveys and read their results."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

# Results are figures about people, as the performance reports are: for the managers who run
# services, information governance and administrators. Running a survey (inviting people) is
# for team managers and administrators.
RESULTS_ROLES = (Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR)
RUNNING_ROLES = (Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def can_view_survey_results(actor) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in RESULTS_ROLES


def can_run_surveys(actor) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in RUNNING_ROLES
