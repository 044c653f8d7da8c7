"""The one door for recording what a model suggested and what an officer decided."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from opencex.aigovernance.models import Decision, Outcome, Suggestion
from opencex.aigovernance.switches import MODEL_KEYS


def record_suggestion(
    *,
    model_key: str,
    model_version: str,
    subject_type: str,
    subject_id: int,
    suggested: Mapping[str, Any],
    confidence: float | None = None,
    reasons: Iterable[str] = (),
) -> Suggestion:
    """Record one suggestion (call it in the transaction that shows or applies it)."""
    if model_key not in MODEL_KEYS:
        raise KeyError(f"no AI model called {model_key!r}")
    if not model_version:
        raise ValueError("a suggestion needs its model's version")
    return Suggestion.objects.create(
        model_key=model_key,
        model_version=model_version,
        subject_type=subject_type,
        subject_id=subject_id,
        suggested=dict(suggested),
        confidence=confidence,
        reasons=list(reasons),
    )


def record_decision(
    *,
    suggestion: Suggestion,
    actor,
    outcome: str,
    correction: Mapping[str, Any] | None = None,
    note: str = "",
) -> Decision:
    """Record an officer's decision on `suggestion`. A correction says what they chose instead."""
    outcome = Outcome(outcome)
    if outcome == Outcome.CORRECTED and not correction:
        raise ValueError("a corrected suggestion needs what the officer chose instead")
    return Decision.objects.create(
        suggestion=suggestion,
        decided_by=actor if getattr(actor, "pk", None) else None,
        outcome=outcome,
        correction=dict(correction or {}),
        note=note[:500],
    )


def latest_suggestion(model_key: str, subject_type: str, subject_id: int) -> Suggestion | None:
    """The newest suggestion the model made about the subject, if any."""
    return Suggestion.objects.filter(
        model_key=model_key, subject_type=subject_type, subject_id=subject_id
    ).first()
