"""The prediction itself, in pure Python: how many working days a service's requests took
(`History`, a count per number of days), its quantiles, and the same counted only over the
requests that were still open after as many days as a case has been open now.

An empirical model on purpose: no assumption about the shape of the durations, every figure
explainable to an officer as "of the N requests like this one". `bench/completion.py` measures
it against the service standard's own date on held-out history.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MODEL_VERSION = "completion-empirical-1"
# Fewer closed requests than this in the window and the service has "not enough history": a
# prediction from a handful of requests would be a guess dressed up as a figure.
MIN_CASES = 20
# And, for a case already open some days, fewer than this many that were still open then.
MIN_CASES_STILL_OPEN = 10
WINDOW_DAYS = 180  # the closed requests a forecast is made from: the last six months
LOW, MIDDLE, HIGH = 0.1, 0.5, 0.9  # the interval shown is the 10th to 90th percentile
# Officers see "likely late" when the chance of finishing by the due date is below a half (the
# predicted date, the median, is later than the due date). A resident is warned only when it is
# below 0.3: a false alarm worries them for nothing, a missed one leaves them where they were
# (told when the date passes), so the resident's warning trades recall for precision
# (bench/completion.py prints both for every threshold; docs/completion-prediction.md).
LIKELY_LATE_BELOW = 0.5
WARN_RESIDENT_BELOW = 0.3


@dataclass(frozen=True)
class History:
    """How many requests took each number of working days: `counts[d]` took d."""

    counts: tuple[int, ...]

    @classmethod
    def of(cls, working_days: Iterable[int]) -> History:
        taken = Counter(max(0, days) for days in working_days)
        if not taken:
            return cls(())
        return cls(tuple(taken.get(days, 0) for days in range(max(taken) + 1)))

    @property
    def cases(self) -> int:
        return sum(self.counts)

    def still_open_after(self, elapsed: int) -> History:
        """The requests that took `elapsed` working days or more: the ones like a case that is
        still open after `elapsed` (it may yet finish today)."""
        if elapsed <= 0:
            return self
        return History((0,) * elapsed + self.counts[elapsed:])

    def quantile(self, q: float) -> int:
        """The fewest working days within which at least a share `q` of the requests were done
        (nearest rank: always a number of days some request actually took)."""
        total = self.cases
        if not total:
            raise ValueError("no requests to take a quantile of")
        rank = max(1, math.ceil(q * total))
        done = 0
        for days, count in enumerate(self.counts):
            done += count
            if done >= rank:
                return days
        raise AssertionError("unreachable: the counts add up to the total")

    def share_within(self, days: int) -> float:
        """The share of the requests done within `days` working days."""
        total = self.cases
        if not total:
            raise ValueError("no requests to share")
        return sum(self.counts[: max(0, days) + 1]) / total


@dataclass(frozen=True)
class Estimate:
    """Working days from the clock's start: likely (the median), the interval, and the chance
    of finishing within the standard's days (None when there is no due date)."""

    likely: int
    low: int
    high: int
    chance_in_time: float | None
    based_on: int


def estimate(history: History, *, elapsed: int, due_in: int | None) -> Estimate | None:
    """The estimate for a request open `elapsed` working days and due after `due_in` (both
    counted from its clock's start), or None when there is not enough history to say."""
    if history.cases < MIN_CASES:
        return None
    like_it = history.still_open_after(elapsed)
    if like_it.cases < (MIN_CASES_STILL_OPEN if elapsed > 0 else MIN_CASES):
        return None
    return Estimate(
        likely=like_it.quantile(MIDDLE),
        low=like_it.quantile(LOW),
        high=like_it.quantile(HIGH),
        chance_in_time=None if due_in is None else like_it.share_within(due_in),
        based_on=like_it.cases,
    )
