"""The record linkage engine: duplicate residents found by Fellegi-Sunter weights (pure Python).

No Django here, so that the bench and the tests run it on any records. The database side
(`opencex.matching` outside this package) turns residents into `PersonRecord`s and back.
"""

from .engine import DEFAULT_THRESHOLDS, MODEL_VERSION, MatchIndex, compare, find_pairs, fit
from .model import Model
from .records import PersonRecord, ScoredPair, Thresholds

__all__ = [
    "DEFAULT_THRESHOLDS",
    "MODEL_VERSION",
    "MatchIndex",
    "Model",
    "PersonRecord",
    "ScoredPair",
    "Thresholds",
    "compare",
    "find_pairs",
    "fit",
]
