"""Who may see the information-rights register, act on its requests and export a resident's data.

Acting on a request (a decision, a fees notice, an extension, a flag, a review, an ICO complaint)
is handling its case, so `cases.policies.can_handle_case` decides: information governance,
administrators, or the case's own team. Exporting everything about a resident is narrower.
"""

from __future__ import annotations

from django.db.models import QuerySet

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases.models import Case
from opencex.cases.policies import INFORMATION_RIGHTS, can_handle_case, visible_cases

# A subject access export holds every case, message and special-category detail about a person.
EXPORTERS = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})


def register_cases(actor) -> QuerySet[Case]:
    """The information-rights cases `actor` may see."""
    return visible_cases(actor).filter(kind__in=INFORMATION_RIGHTS)


def can_act_on_request(actor, case: Case) -> bool:
    return case.kind in INFORMATION_RIGHTS and can_handle_case(actor, case)


def can_export_everything_about(actor, resident) -> bool:
    return is_signed_in(actor) and actor.role in EXPORTERS
