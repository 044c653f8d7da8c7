"""The urgency cues an officer sees: on the case page (each with its decision) and as a tag in
the queues (cases with a cue no officer has decided)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from opencex.aigovernance.models import Decision, Suggestion
from opencex.cases.models import Case
from opencex.cues import policies
from opencex.cues.lexicon import CUES_BY_KEY
from opencex.cues.services import MODEL_KEY, SUBJECT, cue_names


@dataclass(frozen=True)
class CueShown:
    suggestion: Suggestion
    names: list[str]
    version: str
    made_at: datetime
    raised: bool
    special_category: bool
    decision: Decision | None
    may_decide: bool

    @property
    def is_open(self) -> bool:
        return self.decision is None


def cues_for_case(actor, case: Case) -> list[CueShown]:
    """The case's cues, newest first, for staff who may see the case; nothing for anyone else."""
    if not policies.can_see_cues(actor, case):
        return []
    may_decide = policies.can_decide_cues(actor, case)
    suggestions = Suggestion.objects.filter(
        model_key=MODEL_KEY, subject_type=SUBJECT, subject_id=case.pk, redacted_at__isnull=True
    ).prefetch_related("decisions")
    return [
        CueShown(
            suggestion=suggestion,
            names=cue_names(suggestion.reasons),
            version=suggestion.model_version,
            made_at=suggestion.made_at,
            raised=bool(suggestion.suggested.get("raised")),
            special_category=any(
                CUES_BY_KEY[key].special_category
                for key in suggestion.reasons
                if key in CUES_BY_KEY
            ),
            decision=next(iter(suggestion.decisions.all()), None),
            may_decide=may_decide,
        )
        for suggestion in suggestions
    ]


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
