"""The measures for the sentiment bench, kept apart so that the test suite uses the same ones:
the labelled set, accuracy, per-class precision and recall, macro-F1 and the confusion matrix,
and the two baselines every figure is read against."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

LABELLED = Path(__file__).resolve().parent / "labelled.jsonl"
LABELS = ("negative", "neutral", "positive")


def load(split: str | None = None) -> list[dict]:
    """The hand-labelled texts, all or one split ("tuning" or "held-out")."""
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line]
    return [row for row in rows if split is None or row["split"] == split]


@dataclass(frozen=True)
class Scores:
    accuracy: float
    macro_f1: float
    precision: dict[str, float]
    recall: dict[str, float]
    f1: dict[str, float]
    confusion: dict[str, dict[str, int]]  # confusion[truth][predicted]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score(truth: Sequence[str], predicted: Sequence[str]) -> Scores:
    confusion = {t: dict.fromkeys(LABELS, 0) for t in LABELS}
    for t, p in zip(truth, predicted, strict=True):
        confusion[t][p] += 1
    precision, recall, f1 = {}, {}, {}
    for label in LABELS:
        hits = confusion[label][label]
        precision[label] = _ratio(hits, sum(confusion[t][label] for t in LABELS))
        recall[label] = _ratio(hits, sum(confusion[label].values()))
        both = precision[label] + recall[label]
        f1[label] = 2 * precision[label] * recall[label] / both if both else 0.0
    correct = sum(confusion[label][label] for label in LABELS)
    return Scores(
        accuracy=_ratio(correct, len(truth)),
        macro_f1=sum(f1.values()) / len(LABELS),
        precision=precision,
        recall=recall,
        f1=f1,
        confusion=confusion,
    )


def majority_baseline(tuning: Sequence[dict]) -> Callable[[str], str]:
    """Always the commonest label of the tuning split."""
    commonest = Counter(row["label"] for row in tuning).most_common(1)[0][0]
    return lambda text: commonest


# A simple keyword count: a handful of obvious words each way, no weights, no negation.
_GOOD = {
    "thank",
    "thanks",
    "great",
    "good",
    "helpful",
    "excellent",
    "brilliant",
    "happy",
    "quick",
    "quickly",
    "clear",
    "easy",
    "well",
    "fantastic",
    "kind",
    "lovely",
    "useful",
}
_BAD = {
    "not",
    "no",
    "never",
    "still",
    "missed",
    "again",
    "nobody",
    "waiting",
    "useless",
    "terrible",
    "awful",
    "rude",
    "broken",
    "poor",
    "slow",
    "worst",
    "disgusting",
    "nothing",
}


def keyword_baseline(text: str) -> str:
    words = re.findall(r"[a-z']+", text.lower())
    balance = sum(word in _GOOD for word in words) - sum(word in _BAD for word in words)
    return "positive" if balance > 0 else "negative" if balance < 0 else "neutral"
