"""Predicted completion (issue 16) against what actually happened, on held-out history.

The history is made by a seeded generator (not the demo's, whose requests close on a fixed
pattern): 16 services in 6 service areas, each with its own standard (2 to 20 working days), a
typical share of it, a spread, a share of long waits (parts, contractors) and a workload that
moves with the season and drifts month to month; email requests a little slower (triaged later).
Durations are in working days of the council's calendar (England and Wales bank holidays), which
is what `forecasts.history` counts. Time split: the forecast is made from the requests finished
in the 180 days before the cut-off (1 June 2026), as the daily rebuild makes it; the test set is
every request received in the three months after the cut-off.

For the model (`forecasts.model.estimate`, the code the app runs) and the baseline "the
standard's due date" (every request done on its due date; nobody warned) in the same run:

- MAE: working days between the predicted day (the median, at receipt) and the actual one;
- interval coverage: the share finished inside the 10th-90th percentile interval (target 80%);
  for the baseline, the share finished by the due date (its only promise);
- early warning: a request is warned if, on any morning from its first working day until the
  day before its due date while it is still open, its chance of finishing by the due date is
  below the threshold (`model.WARN_RESIDENT_BELOW`, 0.3, for the resident's warning; the
  officers' "likely late" tag, `LIKELY_LATE_BELOW`, 0.5, is printed beside it); precision and
  recall against the requests that actually finished after their due date.

Run: .venv/bin/python bench/completion.py [--seed N] [--write-measurements]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from opencex.clocks.calendars import regional_calendar
from opencex.forecasts.model import (
    LIKELY_LATE_BELOW,
    MODEL_VERSION,
    WARN_RESIDENT_BELOW,
    WINDOW_DAYS,
    History,
    estimate,
)

START, CUT_OFF, TEST_END = date(2025, 1, 1), date(2026, 6, 1), date(2026, 8, 31)
MEASUREMENTS = (
    Path(__file__).resolve().parent.parent
    / "src/opencex/aigovernance/measurements/completion_prediction.json"
)

# service, area, standard days, typical share of the standard, spread, share of long waits,
# requests per working day
SERVICES = [
    ("Missed bin", "Waste", 2, 0.6, 0.45, 0.05, 6.0),
    ("Bulky waste collection", "Waste", 10, 0.7, 0.35, 0.04, 2.0),
    ("Fly-tipping", "Waste", 5, 0.6, 0.5, 0.08, 3.0),
    ("New or replacement bin", "Waste", 10, 0.5, 0.4, 0.06, 2.5),
    ("Pothole", "Streets", 20, 0.7, 0.5, 0.12, 3.0),
    ("Street light fault", "Streets", 10, 0.6, 0.5, 0.10, 1.5),
    ("Graffiti", "Streets", 5, 0.7, 0.45, 0.06, 1.0),
    ("Abandoned vehicle", "Streets", 10, 0.8, 0.4, 0.05, 0.8),
    ("Council home repair", "Housing", 20, 0.6, 0.55, 0.15, 4.0),
    ("Damp and mould advice", "Housing", 10, 0.8, 0.45, 0.10, 1.0),
    ("Overgrown grass", "Parks", 10, 0.6, 0.5, 0.05, 1.2),
    ("Tree inspection", "Parks", 20, 0.8, 0.4, 0.08, 0.8),
    ("Noise enquiry", "Environmental health", 10, 0.5, 0.5, 0.07, 1.5),
    ("Pest control", "Environmental health", 5, 0.7, 0.4, 0.05, 1.2),
    ("Council tax change of address", "Council tax", 5, 0.5, 0.5, 0.04, 4.0),
    ("Council tax discount enquiry", "Council tax", 10, 0.6, 0.45, 0.06, 2.0),
]
# channel, share of requests, how much slower (email is triaged later)
CHANNELS = [
    ("web", 0.55, 1.0),
    ("phone", 0.25, 1.0),
    ("email", 0.15, 1.2),
    ("face_to_face", 0.05, 0.9),
]


@dataclass(frozen=True)
class Request:
    service: str
    area: str
    channel: str
    standard: int
    received: date
    finished: date
    taken: int  # working days from receipt (day 0) to finishing


def _workload(rng: random.Random, areas: list[str]) -> dict[tuple[str, int], float]:
    """Each service area's workload per month: a season and a month-to-month drift."""
    load = {}
    months = (TEST_END.year - START.year) * 12 + TEST_END.month - START.month + 1
    for area in areas:
        peak, swing, drift = rng.uniform(0, 12), rng.uniform(0.05, 0.3), 0.0
        for month in range(months):
            drift = 0.7 * drift + rng.gauss(0, 0.12)
            season = swing * math.sin(2 * math.pi * (month - peak) / 12)
            load[(area, month)] = min(2.2, max(0.6, 1 + season + drift))
    return load


def _poisson(rng: random.Random, rate: float) -> int:
    threshold, count, product = math.exp(-rate), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def make_history(seed: int) -> list[Request]:
    rng = random.Random(seed)
    calendar = regional_calendar(["ENG", "WLS"])
    load = _workload(rng, sorted({s[1] for s in SERVICES}))
    channels, weights, slowness = zip(*CHANNELS, strict=True)
    slow = dict(zip(channels, slowness, strict=True))
    requests = []
    day = START
    while day <= TEST_END:
        if calendar.is_working_day(day):
            month = (day.year - START.year) * 12 + day.month - START.month
            for name, area, standard, typical, spread, long_wait, rate in SERVICES:
                for _ in range(_poisson(rng, rate)):
                    channel = rng.choices(channels, weights)[0]
                    days = standard * typical * load[(area, month)] * slow[channel]
                    days *= math.exp(rng.gauss(0, spread))
                    if rng.random() < long_wait:
                        days *= rng.uniform(2, 4)
                    taken = max(0, round(days))
                    finished = calendar.add_working_days(day, taken) if taken else day
                    requests.append(Request(name, area, channel, standard, day, finished, taken))
        day += timedelta(days=1)
    return requests


@dataclass
class Tally:
    n: int = 0
    error_model: int = 0
    error_baseline: int = 0
    covered: int = 0
    by_due: int = 0
    late: int = 0
    warned: int = 0
    warned_late: int = 0
    predicted: int = 0  # requests with enough history for a prediction

    def add(self, other: Tally) -> None:
        for field in self.__dataclass_fields__:
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def metrics(self) -> dict[str, float | None]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "mae_working_days": share(self.error_model, self.predicted),
            "interval_coverage": share(self.covered, self.predicted),
            "warning_precision": share(self.warned_late, self.warned),
            "warning_recall": share(self.warned_late, self.late),
            "baseline_mae_working_days": share(self.error_baseline, self.predicted),
            "baseline_by_due_date": share(self.by_due, self.predicted),
        }


def evaluate(
    requests: list[Request], threshold: float, window_days: int = WINDOW_DAYS
) -> dict[tuple[str, str], Tally]:
    since = CUT_OFF - timedelta(days=window_days)
    trained: dict[str, list[int]] = defaultdict(list)
    for request in requests:
        if since < request.finished < CUT_OFF:
            trained[request.service].append(request.taken)
    histories = {service: History.of(days) for service, days in trained.items()}
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for request in requests:
        if not CUT_OFF <= request.received <= TEST_END:
            continue
        history = histories.get(request.service, History(()))
        at_receipt = estimate(history, elapsed=0, due_in=request.standard)
        tally = Tally(n=1)
        if at_receipt is not None:
            is_late = request.taken > request.standard
            tally.predicted = 1
            tally.error_model = abs(at_receipt.likely - request.taken)
            tally.error_baseline = abs(request.standard - request.taken)
            tally.covered = int(at_receipt.low <= request.taken <= at_receipt.high)
            tally.by_due = int(not is_late)
            tally.late = int(is_late)
            tally.warned = int(_would_warn(history, request, threshold))
            tally.warned_late = tally.warned * tally.late
        for group in (("service_area", request.area), ("channel", request.channel)):
            tallies[group].add(tally)
        tallies[("all", "")].add(tally)
    return tallies


def _would_warn(history: History, request: Request, threshold: float) -> bool:
    """Each morning from its first working day to the day before its due date, while open."""
    for elapsed in range(1, request.standard):
        if request.taken < elapsed:
            return False  # finished before this morning
        found = estimate(history, elapsed=elapsed, due_in=request.standard)
        if found is not None and (found.chance_in_time or 0) < threshold:
            return True
    return False


def _line(name: str, tally: Tally) -> str:
    m = tally.metrics()

    def show(value: float | None) -> str:
        return "  n/a" if value is None else f"{value:5.2f}"

    return (
        f"{name:32} {tally.predicted:6d}  MAE {show(m['mae_working_days'])} "
        f"(standard {show(m['baseline_mae_working_days'])})  coverage "
        f"{show(m['interval_coverage'])} (by due {show(m['baseline_by_due_date'])})  "
        f"warn P {show(m['warning_precision'])} R {show(m['warning_recall'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--write-measurements", action="store_true")
    options = parser.parse_args()
    requests = make_history(options.seed)
    tallies = evaluate(requests, WARN_RESIDENT_BELOW)
    total = tallies[("all", "")]
    trained = sum(
        1 for r in requests if CUT_OFF - timedelta(days=WINDOW_DAYS) < r.finished < CUT_OFF
    )
    print(f"model {MODEL_VERSION}; seed {options.seed}; {len(requests)} requests generated")
    print(f"forecast from {trained} finished in the {WINDOW_DAYS} days before {CUT_OFF}; "
          f"tested on {total.n} received {CUT_OFF} to {TEST_END} ({total.late} late)")  # fmt: skip
    print(_line("all", total))
    for (kind, group), tally in sorted(tallies.items()):
        if kind != "all":
            print(_line(f"{kind}: {group}", tally))
    print(f"(warn P/R above: the resident's warning, chance by the due date below "
          f"{WARN_RESIDENT_BELOW})")  # fmt: skip
    print("early warning by threshold (chance of finishing by the due date below):")
    for threshold in sorted({0.2, 0.3, 0.4, 0.5, 0.6, 0.7, LIKELY_LATE_BELOW}):
        m = evaluate(requests, threshold)[("all", "")].metrics()
        use = {WARN_RESIDENT_BELOW: " (residents warned)", LIKELY_LATE_BELOW: " (officers' tag)"}
        print(f"  {threshold:.1f}: precision {m['warning_precision']}, "
              f"recall {m['warning_recall']}{use.get(threshold, '')}")  # fmt: skip
    print("by window (days of finished requests the forecast is made from):")
    for window in (60, 90, WINDOW_DAYS, 365):
        m = evaluate(requests, WARN_RESIDENT_BELOW, window)[("all", "")].metrics()
        print(f"  {window:3d}: MAE {m['mae_working_days']}, coverage {m['interval_coverage']}, "
              f"warning P {m['warning_precision']} R {m['warning_recall']}")  # fmt: skip
    median_taken = statistics.median(r.taken for r in requests)
    print(f"(median working days taken over the whole history: {median_taken})")
    if options.write_measurements:
        tag = evaluate(requests, LIKELY_LATE_BELOW)[("all", "")].metrics()
        _write(tallies, total, trained, tag)


def _write(tallies: dict[tuple[str, str], Tally], total: Tally, trained: int, tag: dict) -> None:
    m = total.metrics()
    metrics = [
        {"name": "mae_working_days", "value": m["mae_working_days"],
         "baseline": m["baseline_mae_working_days"], "baseline_name": "the standard's due date"},
        {"name": "interval_coverage_10_90", "value": m["interval_coverage"],
         "baseline": m["baseline_by_due_date"],
         "baseline_name": "the standard's due date (share finished by it)"},
        {"name": "early_warning_precision", "value": m["warning_precision"], "baseline": None,
         "baseline_name": "the standard's due date (warns nobody)"},
        {"name": "early_warning_recall", "value": m["warning_recall"], "baseline": 0.0,
         "baseline_name": "the standard's due date (warns nobody)"},
        {"name": "likely_late_tag_precision", "value": tag["warning_precision"],
         "baseline": None, "baseline_name": "the standard's due date (tags nothing)"},
        {"name": "likely_late_tag_recall", "value": tag["warning_recall"], "baseline": 0.0,
         "baseline_name": "the standard's due date (tags nothing)"},
    ]  # fmt: skip
    by_group = [
        {
            "group": kind,
            "value": group,
            "n": tally.predicted,
            "metrics": {
                key: value
                for key, value in tally.metrics().items()
                if not key.startswith("baseline")
            },
        }
        for (kind, group), tally in sorted(tallies.items())
        if kind != "all"
    ]
    record = {
        "model_key": "completion_prediction",
        "model_version": MODEL_VERSION,
        "measured_on": date.today().isoformat(),  # noqa: DTZ011 - the day the bench ran
        "bench": "bench/completion.py --write-measurements",
        "dataset": (
            f"A seeded synthetic history (16 services in 6 service areas, 4 channels; durations "
            f"log-normal around a share of each standard, with long waits, seasonal and drifting "
            f"workloads): forecasts from the {trained} requests finished in the {WINDOW_DAYS} "
            f"days before {CUT_OFF}, tested on the {total.n} received from {CUT_OFF} to "
            f"{TEST_END} (time split). By service area and channel; language and age band could "
            "not be measured: the model reads no text and the synthetic history has no ages."
        ),
        "metrics": metrics,
        "by_group": by_group,
    }
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    MEASUREMENTS.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {MEASUREMENTS}")


if __name__ == "__main__":
    main()
