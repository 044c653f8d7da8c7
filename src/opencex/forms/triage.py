"""Triage rules a form's answers go through before its case opens.

A form's schema may name one in "case.triage" (e.g. "homelessness"); the domain app that owns
the law registers the rule under that name when Django starts (its AppConfig.ready), so the
forms engine stays general. The rule reads the answers on the day the form is sent and says
how urgent the case is, what the officer must see first, and what the resident is told
happens next — on the confirmation page and in the acknowledgement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class TriageResult:
    # The least priority the case gets (cases.models.Priority); None leaves it to open_case.
    priority: int | None
    # For staff, in English: the internal timeline note's title and lines.
    summary: str
    details: list[str] = field(default_factory=list)
    # Kept on the case as answers["triage"]: JSON-ready values only.
    record: dict[str, Any] = field(default_factory=dict)
    # For the resident, in the language of the page they sent the form from.
    next_steps: list[str] = field(default_factory=list)


# The rule gets the answers ({question id: value}), the day, and the form's service.
TriageRule = Callable[..., TriageResult]
_RULES: dict[str, TriageRule] = {}


def register_triage(name: str, rule: TriageRule) -> None:
    _RULES[name] = rule


def is_registered(name: str) -> bool:
    return name in _RULES


def run_triage(
    name: str | None, answers: Mapping[str, Any], *, today: date, service=None
) -> TriageResult | None:
    """The result of the rule `name` (None when the form names none)."""
    if not name:
        return None
    return _RULES[name](answers, today=today, service=service)
