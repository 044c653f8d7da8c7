"""The engine's vocabulary: a person's record as typed, a scored pair, and the thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PersonRecord:
    """One resident's details as they were typed; the engine normalises them itself."""

    id: int
    full_name: str
    date_of_birth: date | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    uprn: str = ""


@dataclass(frozen=True)
class ScoredPair:
    """Two records (a < b, except in `MatchIndex.candidates`) and how likely they are one person."""

    a: int
    b: int
    probability: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Thresholds:
    """At or above `match`: likely the same person; from `review` to `match`: an officer looks."""

    match: float
    review: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.review <= self.match <= 1.0:
            raise ValueError("thresholds need 0 <= review <= match <= 1")
