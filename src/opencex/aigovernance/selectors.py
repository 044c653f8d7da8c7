"""What the models suggested and what officers decided, counted for the oversight page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Q, Subquery

from opencex.aigovernance.models import Decision, Outcome, Suggestion
from opencex.aigovernance.switches import MODEL_KEYS, is_on


@dataclass(frozen=True)
class VersionCounts:
    model_key: str
    model_version: str
    suggestions: int
    accepted: int
    corrected: int
    dismissed: int
    undecided: int


@dataclass(frozen=True)
class ModelCounts:
    model_key: str
    is_on: bool
    versions: list[VersionCounts]

    @property
    def suggestions(self) -> int:
        return sum(v.suggestions for v in self.versions)


def counts_by_model(*, starts_at: datetime, ends_before: datetime) -> list[ModelCounts]:
    """For every model (in `MODEL_KEYS` order, on or off), by version: the suggestions made from
    `starts_at` until `ends_before`, and how many of those officers accepted, corrected or
    dismissed, or have not decided yet. A suggestion decided more than once (a merge accepted,
    then undone as corrected) counts once, by its latest decision. One query."""
    latest = Decision.objects.filter(suggestion=OuterRef("pk")).order_by("-decided_at", "-pk")
    rows = (
        Suggestion.objects.filter(made_at__gte=starts_at, made_at__lt=ends_before)
        .annotate(outcome=Subquery(latest.values("outcome")[:1]))
        .order_by()
        .values("model_key", "model_version")
        .annotate(
            suggestions=Count("pk"),
            accepted=Count("pk", filter=Q(outcome=Outcome.ACCEPTED)),
            corrected=Count("pk", filter=Q(outcome=Outcome.CORRECTED)),
            dismissed=Count("pk", filter=Q(outcome=Outcome.DISMISSED)),
            undecided=Count("pk", filter=Q(outcome__isnull=True)),
        )
        .order_by("model_key", "model_version")
    )
    by_model: dict[str, list[VersionCounts]] = {key: [] for key in MODEL_KEYS}
    for row in rows:
        by_model.setdefault(row["model_key"], []).append(VersionCounts(**row))
    return [
        ModelCounts(model_key=key, is_on=key in MODEL_KEYS and is_on(key), versions=versions)
        for key, versions in by_model.items()
    ]
