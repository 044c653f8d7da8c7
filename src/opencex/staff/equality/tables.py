"""The equality and reach figures (insight.reach) and the Tenant Satisfaction Measures
(insight.tsm) as report tables. Suppressed counts say so in words; one resident's answers are
never in them, as insight.reach only ever gives counts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opencex.cases.models import Channel
from opencex.insight import reach, tsm
from opencex.insight.periods import Period
from opencex.insight.small_numbers import Hidden
from opencex.people import equality
from opencex.staff.reports.cells import Cell, ChartChoice, Column, Table


def _no_cases() -> str:
    return _("No cases from residents with a record were received in this period.")


def _too_few() -> str:
    return _("Too few residents in this period to show without identifying anyone.")


def _empty(total: int) -> str:
    """What a table says instead of its rows: no cases at all, or too few residents to draw it
    (with one resident, a "fewer than 5" in one row would be that resident's answer)."""
    return _too_few() if total else _no_cases()


def _shown(count: reach.Count, threshold: int) -> str | int:
    if count.hidden is Hidden.SMALL:
        return _("fewer than %(n)s") % {"n": threshold}
    if count.hidden is Hidden.SECONDARY:
        return _("hidden")
    return count.value


def coverage_table(period: Period, threshold: int) -> Table:
    figures = reach.coverage(period, threshold=threshold)
    table = Table(
        slug="equality-coverage",
        title=_("Residents who gave equality answers"),
        explanation=_(
            "Residents with a case received in the period, by whether they have answered the "
            "equality questions on their account. The tables by characteristic count only what "
            "residents chose to tell us: read them with this share in mind."
        ),
        columns=[
            Column(_("Residents")),
            Column(_("With equality answers"), "count"),
            Column(_("Without"), "count"),
            Column(_("All"), "count"),
            Column(_("Share without answers"), "percent"),
        ],
        empty=_empty(figures.residents.value),
    )
    if figures.residents.value >= threshold:
        table.add(
            _("Residents with a case in the period"),
            _shown(figures.with_answers, threshold),
            _shown(figures.without_answers, threshold),
            _shown(figures.residents, threshold),
            figures.share_without,
        )
    return table


def _row_name(question: equality.Question, key: str) -> str:
    if key == reach.NO_PROFILE:
        return _("No equality answers")
    if key == reach.TOTAL:
        return _("All residents")
    return question.answer_in_words(key)


def reach_tables(period: Period, threshold: int) -> list[Table]:
    tables = []
    for figures in reach.reach_by_characteristic(period, threshold=threshold):
        question = figures.question
        total = dict(figures.rows)[reach.TOTAL][-1].value
        table = Table(
            slug=f"reach-{question.field.replace('_', '-')}",
            title=_("Residents by channel: %(what)s") % {"what": question.heading},
            explanation=_(
                "Residents with a case received in the period, by the channel they used and "
                "their answer. A resident who used two channels is in both columns and once in "
                "“Any channel”. Counts under %(n)s say “fewer than %(n)s”; "
                "others are hidden where a small one could be worked out from the totals."
            )
            % {"n": threshold},
            columns=[
                Column(str(question.heading)),
                *(Column(Channel(c).label, "count") for c in figures.channels),
                Column(_("Any channel"), "count"),
            ],
            empty=_empty(total),
            # A count kept back is drawn as "not shown", never as 0 (opencex.insight.charts).
            chart=ChartChoice("bar", _("Any channel"), total_row=True, measure=_("residents")),
        )
        if total >= threshold:
            for key, counts in figures.rows:
                table.rows.append(
                    [Cell(_row_name(question, key))]
                    + [Cell(_shown(count, threshold), "count") for count in counts]
                )
        tables.append(table)
    return tables


_STATUS = {
    tsm.NEEDS_SURVEY: "Needs the tenant perception survey",
    tsm.NOT_HELD: "Not held by this platform",
}


def tsm_table(measures: list[tsm.Measure]) -> Table:
    table = Table(
        slug="tenant-satisfaction-measures",
        title=_("Tenant Satisfaction Measures"),
        explanation=_(
            "The Regulator of Social Housing's measures for the period: those worked out from "
            "the complaints, repairs and cases held here, and where each of the others comes "
            "from."
        ),
        columns=[
            Column(_("Code")),
            Column(_("Measure")),
            Column(_("Figure")),
            Column(_("Result")),
            Column(_("Worked out from")),
        ],
    )
    for measure in measures:
        if measure.status != tsm.COMPUTED:
            table.add(measure.code, measure.name, "", measure.note or _STATUS[measure.status], "")
            continue
        for part in measure.parts:
            table.add(measure.code, measure.name, part.name, _result(part), _basis(part))
    return table


def _result(part: tsm.Part) -> str:
    if part.value is None:
        return "\N{EN DASH}"
    if part.kind == "percent":
        return f"{part.value * 100:.1f}%"
    return f"{part.value:.2f}"


def _basis(part: tsm.Part) -> str:
    if part.kind == "per_1000":
        words = f"{part.numerator:,} in {part.denominator:,} homes"
    else:
        words = f"{part.numerator:,} of {part.denominator:,}"
    return f"{words}; {part.note}" if part.note else words


def tsm_percent_table(measures: list[tsm.Measure]) -> Table:
    """The measures worked out as a share, one row each, to draw as a chart."""
    table = Table(
        slug="tenant-satisfaction-measures-shares",
        title=_("Tenant Satisfaction Measures given as a percentage"),
        explanation=_(
            "The measures above that are a share (as a percentage), worked out for the period; "
            "those with nothing to work out from are left out."
        ),
        columns=[Column(_("Measure")), Column(_("Result"), "percent")],
        empty=_("No measure given as a percentage could be worked out for the period."),
        chart=ChartChoice("bar", _("Result")),
    )
    for measure in measures:
        if measure.status != tsm.COMPUTED:
            continue
        for part in measure.parts:
            if part.kind == "percent" and part.value is not None:
                table.add(f"{measure.code} {part.name}", part.value)
    return table
