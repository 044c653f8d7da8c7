"""A stratified random sample with proportional allocation: each stratum gets its share of the
sample in proportion to its size (largest remainders for the rounding), and its members are
drawn at random with a seed, so that a sample can be drawn again and checked."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")


def allocate(sizes: dict[Hashable, int], total: int) -> dict[Hashable, int]:
    """How many to draw from each stratum: `total` shared in proportion to `sizes`, each share
    rounded down and the rest given to the largest remainders (ties: the larger stratum, then
    the stratum's order); never more than a stratum has."""
    population = sum(sizes.values())
    total = min(total, population)
    if population == 0 or total <= 0:
        return dict.fromkeys(sizes, 0)
    exact = {key: size * total / population for key, size in sizes.items()}
    shares = {key: int(value) for key, value in exact.items()}
    order = list(sizes)
    leftover = total - sum(shares.values())
    by_remainder = sorted(
        order, key=lambda key: (-(exact[key] - shares[key]), -sizes[key], order.index(key))
    )
    for key in by_remainder[:leftover]:
        shares[key] += 1
    return shares


def stratified_sample(
    items: Sequence[T], size: int, *, stratum: Callable[[T], Hashable], seed: int
) -> list[T]:
    """`size` of `items`, drawn stratum by stratum in proportion (see `allocate`)."""
    strata: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        strata[stratum(item)].append(item)
    keys = sorted(strata, key=repr)  # a fixed order, whatever order the items came in
    shares = allocate({key: len(strata[key]) for key in keys}, size)
    chooser = random.Random(seed)
    drawn: list[T] = []
    for key in keys:
        drawn += chooser.sample(strata[key], shares[key])
    return drawn
