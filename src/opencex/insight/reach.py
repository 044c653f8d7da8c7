"""Who the council reaches, and by which channel: the residents whose cases were received in a
period, counted by the channel they used and by each equality-monitoring characteristic they
chose to give (people.equality), with small numbers suppressed (insight.small_numbers). Only
counts of residents ever leave this module, never one resident's answers; residents who gave no
answers are a row of every table, and their share is its own table."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from opencex.cases.models import Case, Channel
from opencex.insight.periods import Period
from opencex.insight.small_numbers import Hidden, suppress
from opencex.people import equality
from opencex.people.models import EqualityProfile
from opencex.staff.reports.cells import Cell, Column, Table

NO_PROFILE = "__none__"


def _in_words(hidden: Hidden | None, threshold: int) -> str | None:
    if hidden is Hidden.SMALL:
        return _("fewer than %(n)s") % {"n": threshold}
    if hidden is Hidden.SECONDARY:
        return _("hidden")
    return None


def _channels_used(period: Period) -> dict[int, set[str]]:
    """Each resident with a case received in the period, and the channels those cases came by."""
    used: dict[int, set[str]] = defaultdict(set)
    rows = (
        Case.objects.filter(received_on__range=(period.start, period.end), resident__isnull=False)
        .order_by()
        .values_list("resident_id", "channel")
        .distinct()
    )
    for resident_id, channel in rows:
        used[resident_id].add(channel)
    return used


def _answers(residents) -> dict[int, dict[str, str]]:
    return {
        row["resident_id"]: row
        for row in EqualityProfile.objects.filter(resident_id__in=list(residents)).values(
            "resident_id", *equality.FIELDS
        )
    }


def reach_tables(period: Period, *, threshold: int) -> list[Table]:
    """The coverage table, then one table per characteristic: a row per answer (and "Prefer not
    to say", "Not answered", "No equality answers"), a column per channel and one for any
    channel, each cell the number of residents; every count suppressed under `threshold`."""
    used = _channels_used(period)
    answers = _answers(used)
    tables = [_coverage(used, answers, threshold)]
    channels = [
        value for value, _label in Channel.choices if any(value in c for c in used.values())
    ]
    for question in equality.QUESTIONS:
        tables.append(_by_characteristic(question, used, answers, channels, threshold))
    return tables


def _coverage(used, answers, threshold: int) -> Table:
    table = Table(
        slug="equality-coverage",
        title=_("Residents who gave equality answers"),
        explanation=_(
            "Residents with a case received in the period, by whether they have answered the "
            "equality questions on their account. The figures by characteristic below are only "
            "for those who did; the others are shown as having no equality answers."
        ),
        columns=[
            Column(_("Residents")),
            Column(_("With equality answers"), "count"),
            Column(_("Without"), "count"),
            Column(_("All residents"), "count"),
            Column(_("Share without answers"), "percent"),
        ],
        empty=_("No cases from residents with a record were received in this period."),
    )
    if not used:
        return table
    with_answers = len(answers)
    counts = [with_answers, len(used) - with_answers, len(used)]
    hidden = suppress([counts], threshold=threshold)
    shown = [_in_words(hidden(0, c), threshold) or n for c, n in enumerate(counts)]
    share = None if hidden(0, 1) else counts[1] / counts[2]
    table.add(_("Residents with a case in the period"), *shown, share)
    return table


def _by_characteristic(question, used, answers, channels: list[str], threshold: int) -> Table:
    keys = [value for value, _label in question.choices] + [equality.NOT_ANSWERED, NO_PROFILE]
    counts: dict[str, dict[str, int]] = {key: defaultdict(int) for key in keys}
    for resident_id, channels_used in used.items():
        profile = answers.get(resident_id)
        key = NO_PROFILE if profile is None else profile[question.field]
        key = key if key in counts else equality.NOT_ANSWERED
        for channel in channels_used:
            counts[key][channel] += 1
        counts[key]["__any__"] += 1
    columns = [*channels, "__any__"]
    grid = [[counts[key][c] for c in columns] for key in keys]
    grid.append([sum(row[i] for row in grid) for i in range(len(columns))])
    # The total row is every resident, distinct, whichever group they are in.
    grid[-1][-1] = len(used)
    for i, channel in enumerate(channels):
        grid[-1][i] = sum(1 for c in used.values() if channel in c)
    hidden = suppress(grid, threshold=threshold)
    table = Table(
        slug=f"reach-{question.field.replace('_', '-')}",
        title=_("Residents by channel and %(what)s") % {"what": str(question.heading).lower()},
        explanation=_(
            "The number of residents with a case received in the period by each channel, by "
            "their answer. A resident who used two channels is in both columns, once in "
            '"Any channel". Counts under %(n)s are shown as "fewer than %(n)s", and other '
            "counts are hidden where a small one could be worked out from the totals."
        )
        % {"n": threshold},
        columns=[
            Column(str(question.heading)),
            *(Column(Channel(c).label, "count") for c in channels),
            Column(_("Any channel"), "count"),
        ],
        empty=_("No cases from residents with a record were received in this period."),
    )
    names = [question.answer_in_words(key) for key in keys[:-1]] + [_("No equality answers")]
    names.append(_("All residents"))
    if not used:
        return table
    for r, (name, row) in enumerate(zip(names, grid, strict=True)):
        table.rows.append(
            [Cell(name)]
            + [
                Cell(_in_words(hidden(r, c), threshold) or value, "count")
                for c, value in enumerate(row)
            ]
        )
    return table
