"""Which models are on: the council profile's `[ai]` table (council.profile.Ai)."""

from __future__ import annotations

from django.conf import settings

MODEL_KEYS = (
    "routing",
    "urgency_cues",
    "duplicate_reports",
    "resident_matching",
    "completion_prediction",
)


def is_on(model_key: str) -> bool:
    """Whether the model `model_key` may make suggestions now. An unknown key is an error, so a
    misspelt switch cannot leave a model running."""
    if model_key not in MODEL_KEYS:
        raise KeyError(f"no AI model called {model_key!r}; the models are {', '.join(MODEL_KEYS)}")
    return bool(getattr(settings.COUNCIL_PROFILE.ai, model_key))
