"""The urgency cues an officer sees: on the case page (each with its decision) and as a tag in
the queues (cases with a cue no officer has decided)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from opencex.aigovernance.models import Decision, Suggestion
from opencex.cases.models import Case
from opencex.cues import policies
from opencex.cues.services import MODEL_KEY, SUBJECT, cue_names, is_special_category
from opencex.people.services import record_special_category_read

# What staff without a need to know see of a special-category cue (self-harm): not which cue.
HIDDEN_CUE = "An urgency cue that only the case's caseworkers can see"


@dataclass(frozen=True)
class CueShown:
    suggestion: Suggestion
    names: list[str]
    version: str
    made_at: datetime
    raised: bool
    special_category: bool
    hidden: bool
    decision: Decision | None
    may_decide: bool

    @property
    def is_open(self) -> bool:
        return self.decision is None


def cues_for_case(actor, case: Case) -> list[CueShown]:
    """The case's cues, newest first, for staff who may see the case; nothing for anyone else.
    A special-category cue is named only to staff with a need to know (cues.policies), and each
    such showing is logged as a read of the resident's special-category data; others see
    `HIDDEN_CUE` and whether it raised the priority, and may not decide it."""
    if not policies.can_see_cues(actor, case):
        return []
    may_decide = policies.can_decide_cues(actor, case)
    may_see_special = policies.can_see_special_category_cues(actor, case)
    suggestions = Suggestion.objects.filter(
        model_key=MODEL_KEY, subject_type=SUBJECT, subject_id=case.pk, redacted_at__isnull=True
    ).prefetch_related("decisions")
    shown = []
    for suggestion in suggestions:
        special = is_special_category(suggestion.reasons)
        hidden = special and not may_see_special
        shown.append(
            CueShown(
                suggestion=suggestion,
                names=[HIDDEN_CUE] if hidden else cue_names(suggestion.reasons),
                version=suggestion.model_version,
                made_at=suggestion.made_at,
                raised=bool(suggestion.suggested.get("raised")),
                special_category=special,
                hidden=hidden,
                decision=next(iter(suggestion.decisions.all()), None),
                may_decide=may_decide and not hidden,
            )
        )
    resident = case.resident
    if may_see_special and resident is not None and any(cue.special_category for cue in shown):
        record_special_category_read(
            actor=actor,
            resident=resident,
            purpose=f"Urgency cue on case {case.reference}",
        )
    return shown


def cases_with_open_cues(case_ids: Iterable[int]) -> set[int]:
    """Of `case_ids`, those with a cue no officer has confirmed or dismissed."""
    return set(
        Suggestion.objects.filter(
            model_key=MODEL_KEY,
            subject_type=SUBJECT,
            subject_id__in=list(case_ids),
            decisions__isnull=True,
            redacted_at__isnull=True,
        ).values_list("subject_id", flat=True)
    )
