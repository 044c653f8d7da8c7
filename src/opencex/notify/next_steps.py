"""What a resident is told happens next on a case a triage rule decided (forms.triage), written
when the message or the page is written, in its language.

The case keeps only the rule's outcome (answers["triage"], JSON); the domain app that owns the
rule registers how its next steps are worded (its AppConfig.ready), so the confirmation page and
the acknowledgement say them in the language each is written in, never in the page's language of
the day the form was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opencex.cases.models import Case

# The rule's record and the case's service → the paragraphs, in the current language.
NextSteps = Callable[..., list[str]]
_WORDINGS: dict[str, NextSteps] = {}


def register_next_steps(rule: str, wording: NextSteps) -> None:
    _WORDINGS[rule] = wording


def case_next_steps(case: Case) -> list[str]:
    """The triage's next steps for `case` in the current language; none without a triage."""
    record: Mapping[str, Any] = (case.answers or {}).get("triage") or {}
    wording = _WORDINGS.get(record.get("rule", ""))
    if wording is None:
        # A case from before the outcome was kept alone kept its words.
        return [str(step) for step in record.get("next_steps") or ()]
    return wording(record, service=case.service)
