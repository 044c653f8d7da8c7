"""The prediction's arithmetic on hand-made histories: quantiles, the chance by a due date,
and the same counted only over requests still open as long as the case."""

from __future__ import annotations

import pytest

from opencex.forecasts.model import MIN_CASES, History, estimate

# 20 requests: five took 1 working day, ten took 2, four took 5, one took 9.
TWENTY = History.of([1] * 5 + [2] * 10 + [5] * 4 + [9])


def test_counts_are_kept_per_number_of_working_days():
    assert TWENTY.counts == (0, 5, 10, 0, 0, 4, 0, 0, 0, 1)
    assert TWENTY.cases == 20


def test_quantiles_are_days_some_request_actually_took():
    assert TWENTY.quantile(0.1) == 1  # the 2nd of 20
    assert TWENTY.quantile(0.5) == 2  # the 10th
    assert TWENTY.quantile(0.9) == 5  # the 18th
    assert TWENTY.quantile(1.0) == 9


def test_the_chance_by_a_due_date_is_the_share_done_within_its_days():
    assert TWENTY.share_within(2) == pytest.approx(15 / 20)
    assert TWENTY.share_within(0) == 0


def test_an_estimate_gives_the_median_interval_and_chance_from_the_clock_start():
    found = estimate(TWENTY, elapsed=0, due_in=2)
    assert found is not None
    assert (found.likely, found.low, found.high) == (2, 1, 5)
    assert found.chance_in_time == pytest.approx(0.75)
    assert found.based_on == 20


def test_a_case_open_some_days_is_compared_with_requests_still_open_then():
    history = History.of([1] * 30 + [3] * 10 + [6] * 10)
    fresh = estimate(history, elapsed=0, due_in=3)
    open_two_days = estimate(history, elapsed=2, due_in=3)
    assert fresh is not None
    assert open_two_days is not None
    assert fresh.likely == 1
    assert fresh.chance_in_time == pytest.approx(40 / 50)
    # Of the 20 still open after 2 days, half finished on day 3, half on day 6.
    assert open_two_days.based_on == 20
    assert (open_two_days.likely, open_two_days.high) == (3, 6)
    assert open_two_days.chance_in_time == pytest.approx(0.5)


def test_too_few_requests_is_not_enough_history_rather_than_a_guess():
    assert estimate(History.of([2] * (MIN_CASES - 1)), elapsed=0, due_in=2) is None
    assert estimate(History(()), elapsed=0, due_in=2) is None


def test_too_few_still_open_as_long_is_not_enough_history_either():
    history = History.of([1] * 40 + [8] * 3)
    assert estimate(history, elapsed=5, due_in=10) is None
