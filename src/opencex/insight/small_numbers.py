"""Small-number suppression for tables of counts about people: a cell under the council's
threshold is hidden ("primary"), and further cells are hidden ("secondary") until no row or
column has exactly one hidden cell, so that no hidden count can be worked out by subtracting
the others from a total."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.conf import settings

DEFAULT_THRESHOLD = 5


def small_number_threshold() -> int:
    """The smallest count shown: the council's setting, else 5 (the usual statistical practice
    for counts of people)."""
    return int(getattr(settings, "SMALL_NUMBER_THRESHOLD", DEFAULT_THRESHOLD))


class Hidden(Enum):
    SMALL = "small"  # under the threshold
    SECONDARY = "secondary"  # hidden so that a small one cannot be worked out


@dataclass(frozen=True)
class Suppressed:
    """Which cells of a grid are hidden, by (row, column)."""

    hidden: dict[tuple[int, int], Hidden]

    def __call__(self, row: int, column: int) -> Hidden | None:
        return self.hidden.get((row, column))


def suppress(
    grid: list[list[int]], *, threshold: int, also: frozenset[tuple[int, int]] = frozenset()
) -> Suppressed:
    """`grid`'s last column is each row's total and its last row each column's total (a grid of
    one row is a row with its total). A count under the threshold is hidden, a zero too: a
    shown zero next to a "fewer than 5" would tell that the few are all in one cell (a
    threshold of 1 or less turns suppression off). The cells in `also` are hidden as well (they
    are hidden in another table that shares them). Then, in every row and column with exactly
    one hidden cell, the smallest other count is hidden too (a non-zero one if there is one, the
    total last), again and again until none is left with exactly one."""
    hidden: dict[tuple[int, int], Hidden] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if threshold > 1 and value < threshold:
                hidden[(r, c)] = Hidden.SMALL
            elif (r, c) in also:
                hidden[(r, c)] = Hidden.SECONDARY
    height = len(grid)
    width = len(grid[0]) if grid else 0
    lines = [[(r, c) for c in range(width)] for r in range(height)]
    if height > 1:
        lines += [[(r, c) for r in range(height)] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            *parts, total = line
            shown = [cell for cell in parts if cell not in hidden]
            candidates = sorted(
                shown, key=lambda cell: (grid[cell[0]][cell[1]] == 0, grid[cell[0]][cell[1]])
            ) or ([total] if total not in hidden else [])
            if candidates:
                hidden[candidates[0]] = Hidden.SECONDARY
                changed = True
    return Suppressed(hidden)
