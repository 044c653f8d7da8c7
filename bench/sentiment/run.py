"""How well the sentiment reading agrees with hand labels, per split, against two baselines run
here on the same texts (the commonest label; a simple keyword count), and how long it takes.

The labels in labelled.jsonl were written by reading each text alone, before any analyser ran,
and are never edited after seeing results. Thresholds are chosen on the "tuning" split only
(`--tune`); the "held-out" figures are the ones to quote.

Run:  PYTHONPATH=src .venv/bin/python bench/sentiment/run.py
      PYTHONPATH=src .venv/bin/python bench/sentiment/run.py --tune   # search the thresholds
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))
sys.path.insert(0, str(HERE))

from measure import LABELS, Scores, keyword_baseline, load, majority_baseline, score  # noqa: E402

from opencex.sentiment import analysis  # noqa: E402


def _print(name: str, scores: Scores) -> None:
    print(f"  {name}: accuracy {scores.accuracy:.3f}, macro-F1 {scores.macro_f1:.3f}")
    for label in LABELS:
        print(
            f"    {label:<9} precision {scores.precision[label]:.3f}  recall "
            f"{scores.recall[label]:.3f}  F1 {scores.f1[label]:.3f}"
        )
    print("    confusion (rows: hand label; columns: predicted " + "/".join(LABELS) + ")")
    for truth in LABELS:
        print(f"      {truth:<9} " + " ".join(f"{scores.confusion[truth][p]:>4}" for p in LABELS))


def _analyser(text: str) -> str:
    return str(analysis.read_text(text, "en").label)


def tune() -> None:
    """Every pair of thresholds on a 0.05 grid, scored on the tuning split only."""
    rows = load("tuning")
    compounds = [analysis.compound_score(row["text"]) for row in rows]
    truth = [row["label"] for row in rows]
    grid = [round(-0.9 + 0.05 * i, 2) for i in range(37)]
    results = []
    for negative_below in grid:
        for positive_from in grid:
            if positive_from < negative_below:
                continue
            predicted = [
                "negative"
                if c < negative_below
                else "positive"
                if c >= positive_from
                else "neutral"
                for c in compounds
            ]
            results.append((score(truth, predicted).macro_f1, negative_below, positive_from))
    results.sort(key=lambda r: (-r[0], abs(r[1] + 0.05) + abs(r[2] - 0.05)))
    print("Best thresholds on the tuning split (macro-F1, negative below, positive from):")
    for macro_f1, negative_below, positive_from in results[:10]:
        print(f"  {macro_f1:.3f}  {negative_below:+.2f}  {positive_from:+.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tune", action="store_true")
    options = parser.parse_args()
    if options.tune:
        tune()
        return
    tuning = load("tuning")
    methods = {
        f"VADER ({analysis.ANALYSER_VERSION})": _analyser,
        "baseline: commonest label of the tuning split": majority_baseline(tuning),
        "baseline: keyword count": keyword_baseline,
    }
    for split in ("tuning", "held-out"):
        rows = load(split)
        truth = [row["label"] for row in rows]
        print(f"{split} split: {len(rows)} texts")
        for name, method in methods.items():
            _print(name, score(truth, [method(row["text"]) for row in rows]))
    texts = [row["text"] for row in load()]
    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for text in texts:
            analysis.read_text(text, "en")
    per_thousand = (time.perf_counter() - started) / (rounds * len(texts)) * 1000
    print(f"time: {per_thousand * 1000:.0f} ms per 1,000 texts (read_text, one core)")


if __name__ == "__main__":
    main()
