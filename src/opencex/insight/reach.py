"""Who the council reaches, and by which channel: the residents whose cases were received in a
period, counted by the channel they used and by each equality-monitoring characteristic they
chose to give (people.equality), with small numbers suppressed (insight.small_numbers). Only
counts of residents ever leave this module, never one resident's answers; residents who gave no
answers are a row of every table, and their share is counted on its own (`coverage`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from opencex.cases.models import Case, Channel
from opencex.insight.periods import Period
from opencex.insight.small_numbers import Hidden, suppress
from opencex.people import equality
from opencex.people.models import EqualityProfile

NO_PROFILE = "__none__"  # the row of residents who gave no equality answers
TOTAL = "__all__"  # the row of every resident
ANY_CHANNEL = "__any__"  # the column of residents whichever channel they used


@dataclass(frozen=True)
class Count:
    """A number of residents as a report may show it: `hidden` says why it may not be."""

    value: int
    hidden: Hidden | None = None


@dataclass(frozen=True)
class Coverage:
    with_answers: Count
    without_answers: Count
    residents: Count

    @property
    def share_without(self) -> float | None:
        """The share with no equality answers, unless a count it comes from is hidden."""
        if self.without_answers.hidden or self.residents.hidden or not self.residents.value:
            return None
        return self.without_answers.value / self.residents.value


@dataclass(frozen=True)
class ReachByCharacteristic:
    """Residents by answer (rows: each answer, "Prefer not to say", not answered, no equality
    answers, then every resident) and by channel (columns: each channel used, then any)."""

    question: equality.Question
    channels: list[str]
    rows: list[tuple[str, list[Count]]]


def residents_reached(period: Period) -> dict[int, set[str]]:
    """Each resident with a case received in the period, and the channels those cases came by
    (a case not linked to a resident record is not counted)."""
    used: dict[int, set[str]] = defaultdict(set)
    rows = (
        Case.objects.filter(received_on__range=(period.start, period.end), resident__isnull=False)
        .order_by()
        .values_list("resident_id", "channel")
        .distinct()
    )
    for resident_id, channel in rows:
        used[resident_id].add(channel)
    return dict(used)


def _answers(residents) -> dict[int, dict[str, str]]:
    return {
        row["resident_id"]: row
        for row in EqualityProfile.objects.filter(resident_id__in=list(residents)).values(
            "resident_id", *equality.FIELDS
        )
    }


def _counts(
    grid: list[list[int]], threshold: int, also: frozenset[tuple[int, int]] = frozenset()
) -> list[list[Count]]:
    hidden = suppress(grid, threshold=threshold, also=also)
    return [
        [Count(value, hidden(r, c)) for c, value in enumerate(row)] for r, row in enumerate(grid)
    ]


# The cells the coverage figures share with every reach table: residents without equality
# answers, and every resident (the "any channel" column of the last two rows).
WITHOUT, EVERYONE = "without", "everyone"


def coverage(period: Period, *, threshold: int) -> Coverage:
    """How many residents with a case in the period gave equality answers, and how many not."""
    return _figures(period, threshold)[0]


def reach_by_characteristic(period: Period, *, threshold: int) -> list[ReachByCharacteristic]:
    """One table per equality question, each cell a number of residents, suppressed under
    `threshold`. A resident who used two channels counts in both columns and once in "any"."""
    return _figures(period, threshold)[1]


def _figures(period: Period, threshold: int) -> tuple[Coverage, list[ReachByCharacteristic]]:
    """The coverage figures and the reach tables, suppressed together: the number without
    answers and the number of residents are in all of them, so one hidden in any is hidden in
    all (else it could be read from another), again until no more are hidden."""
    used = residents_reached(period)
    answers = _answers(used)
    with_answers = len(answers)
    coverage_grid = [[with_answers, len(used) - with_answers, len(used)]]
    channels = [
        value for value, _label in Channel.choices if any(value in c for c in used.values())
    ]
    grids = [_grid(question, used, answers, channels) for question in equality.QUESTIONS]
    shared: set[str] = set()
    while True:
        in_coverage = frozenset(
            cell for name, cell in ((WITHOUT, (0, 1)), (EVERYONE, (0, 2))) if name in shared
        )
        covered = _counts(coverage_grid, threshold, in_coverage)[0]
        found = {WITHOUT} if covered[1].hidden else set()
        found |= {EVERYONE} if covered[2].hidden else set()
        tables = []
        for question, (keys, grid) in zip(equality.QUESTIONS, grids, strict=True):
            last = len(grid[0]) - 1
            cells = {WITHOUT: (len(keys) - 2, last), EVERYONE: (len(keys) - 1, last)}
            counts = _counts(grid, threshold, frozenset(cells[name] for name in shared))
            found |= {name for name, (r, c) in cells.items() if counts[r][c].hidden}
            tables.append(
                ReachByCharacteristic(
                    question=question,
                    channels=channels,
                    rows=list(zip(keys, counts, strict=True)),
                )
            )
        if found <= shared:
            return Coverage(*covered), tables
        shared |= found


def _grid(question, used, answers, channels: list[str]) -> tuple[list[str], list[list[int]]]:
    keys = [value for value, _label in question.choices] + [equality.NOT_ANSWERED, NO_PROFILE]
    counted: dict[str, dict[str, int]] = {key: defaultdict(int) for key in [*keys, TOTAL]}
    for resident_id, channels_used in used.items():
        profile = answers.get(resident_id)
        key = NO_PROFILE if profile is None else profile[question.field]
        if key not in counted:  # an answer its question no longer offers
            key = equality.NOT_ANSWERED
        for each in (key, TOTAL):
            for channel in channels_used:
                counted[each][channel] += 1
            counted[each][ANY_CHANNEL] += 1
    columns = [*channels, ANY_CHANNEL]
    keys.append(TOTAL)
    return keys, [[counted[key][column] for column in columns] for key in keys]
