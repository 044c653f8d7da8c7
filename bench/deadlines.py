"""How long a due date takes to work out, per kind of clock, against a bare date-arithmetic
baseline measured in the same run. Prints medians over repeated rounds.

Run: .venv/bin/python bench/deadlines.py [--rounds N] [--dates N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from opencex.clocks.calendars import regional_calendar, uk_wide_calendar
from opencex.clocks.rules import DeadlineKind, compute_deadline

KINDS = [
    DeadlineKind.FOI,
    DeadlineKind.FOI_PIT_EXTENDED,
    DeadlineKind.SAR,
    DeadlineKind.COMPLAINT_STAGE1_ACK,
    DeadlineKind.COMPLAINT_STAGE2_RESPONSE,
]


def _per_call_microseconds(function, inputs: list[date]) -> float:
    started = time.perf_counter()
    for day in inputs:
        function(day)
    return (time.perf_counter() - started) / len(inputs) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--dates", type=int, default=2000)
    args = parser.parse_args()

    rng = random.Random(2026)
    inputs = [date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 8)) for _ in range(args.dates)]
    region, uk = regional_calendar(["ENG", "WLS"]), uk_wide_calendar()
    for day in inputs:  # warm the per-year holiday caches so we time the arithmetic
        compute_deadline(DeadlineKind.FOI, day, region=region, uk=uk)

    def baseline(day: date) -> date:
        return day + timedelta(days=28)

    rows = [("baseline: date + 28 days", baseline)]
    for kind in KINDS:
        rows.append(
            (kind.value, lambda day, k=kind: compute_deadline(k, day, region=region, uk=uk))
        )
    print(f"{args.dates} received dates in 2020-2027, {args.rounds} rounds; median per call")
    base = statistics.median(_per_call_microseconds(baseline, inputs) for _ in range(args.rounds))
    for name, function in rows:
        median = statistics.median(
            _per_call_microseconds(function, inputs) for _ in range(args.rounds)
        )
        print(f"  {name:<32} {median:9.1f} µs   {median / base:8.0f}x baseline")


if __name__ == "__main__":
    main()
