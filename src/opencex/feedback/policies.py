"""Who may pass on a compliment or theme a comment: the officers handling that case."""

from __future__ import annotations

from opencex.cases import policies
from opencex.cases.models import Case, CaseKind


def can_pass_on_compliment(actor, case: Case) -> bool:
    return case.kind == CaseKind.COMPLIMENT and policies.can_handle_case(actor, case)


def can_theme_comment(actor, case: Case) -> bool:
    return case.kind == CaseKind.COMMENT and policies.can_handle_case(actor, case)
