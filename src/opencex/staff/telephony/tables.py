"""The call measures as report tables (`staff.reports.cells.Table`): for the telephony page, its
CSV downloads, and any dashboard that wants them. The vulnerable residents line has its own
tables and is never in the general lines' totals."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from opencex.insight.periods import Period
from opencex.staff.reports.cells import ChartChoice, Column, Table
from opencex.telephony import selectors
from opencex.telephony.models import TelephonyLine
from opencex.telephony.selectors import CallFigures


def _columns(first: str, *, kind: str = "text") -> list[Column]:
    return [
        Column(first, kind),
        Column(_("Calls offered"), "count"),
        Column(_("Answered"), "count"),
        Column(_("Answered within target"), "count"),
        Column(_("Abandoned"), "count"),
        Column(_("Answer rate"), "percent"),
        Column(_("Abandonment rate"), "percent"),
        Column(_("Service level"), "percent"),
        Column(_("Average speed of answer (seconds)"), "average"),
        Column(_("Average handling time (seconds)"), "average"),
    ]


def _add(table: Table, label, figures: CallFigures) -> None:
    table.add(
        label,
        figures.offered,
        figures.answered,
        figures.answered_in_target,
        figures.abandoned,
        figures.answer_rate.value,
        figures.abandonment_rate.value,
        figures.service_level.value,
        figures.average_speed_of_answer.value,
        figures.average_handling_time.value,
    )


_EXPLAINED = _(
    "Service level is the calls answered within the line's target of those offered; average "
    "speed of answer and handling time are per answered call. "
)


def calls_by_line(period: Period) -> Table:
    """Each general line and their total; the vulnerable residents line is in its own table."""
    table = Table(
        "calls-by-line",
        _("Calls by line"),
        _EXPLAINED
        + _("The total is for the general lines, without the vulnerable residents line."),
        _columns(_("Line")),
        empty=_("No calls were imported for this period."),
        chart=ChartChoice("bar", _("Calls offered"), total_row=True, measure=_("calls")),
    )
    general = [
        f for f in selectors.figures_by_line(period) if not f.line.is_vulnerable_residents_line
    ]
    for line_figures in general:
        label = f"{line_figures.line.name} ({line_figures.line.answer_target_seconds} s)"
        _add(table, label, line_figures.figures)
    total = selectors.overall_figures(period)
    if total.offered:
        _add(table, _("General lines"), total)
    else:
        table.rows.clear()
    return table


def vulnerable_line(period: Period) -> Table:
    """The vulnerable residents line on its own, and by hour of the day."""
    table = Table(
        "vulnerable-residents-line",
        _("Vulnerable residents line"),
        _EXPLAINED + _("This line's calls are not in the general lines' figures."),
        _columns(_("Hour")),
        empty=_("No calls were imported for the vulnerable residents line in this period."),
        chart=ChartChoice("column", _("Calls offered"), total_row=True, measure=_("calls")),
    )
    line = TelephonyLine.objects.filter(is_vulnerable_residents_line=True).first()
    if line is None:
        return table
    figures = selectors.line_figures(period, line).figures
    if not figures.offered:
        return table
    for by_hour in selectors.figures_by_hour(period, line=line):
        _add(table, by_hour.figures.label, by_hour.figures)
    _add(
        table,
        _("All hours (target %(seconds)s s)") % {"seconds": line.answer_target_seconds},
        figures,
    )
    return table


def general_by_hour(period: Period) -> Table:
    table = Table(
        "calls-by-hour",
        _("General lines by hour of the day"),
        _EXPLAINED + _("Every day of the period added together, by the hour the calls came in."),
        _columns(_("Hour")),
        empty=_("No calls were imported for this period."),
        chart=ChartChoice("column", _("Calls offered"), measure=_("calls")),
    )
    for by_hour in selectors.figures_by_hour(period):
        _add(table, by_hour.figures.label, by_hour.figures)
    return table


def general_by_day(period: Period) -> Table:
    table = Table(
        "calls-by-day",
        _("General lines by day"),
        _EXPLAINED,
        _columns(_("Day"), kind="date"),
        empty=_("No calls were imported for this period."),
        chart=ChartChoice("line", _("Calls offered"), measure=_("calls")),
    )
    for by_day in selectors.figures_by_day(period):
        _add(table, by_day.day, by_day.figures)
    return table


TELEPHONY_TABLES: dict[str, Callable[[Period], Table]] = {
    "calls-by-line": calls_by_line,
    "vulnerable-residents-line": vulnerable_line,
    "calls-by-hour": general_by_hour,
    "calls-by-day": general_by_day,
}


def telephony_tables(period: Period) -> list[Table]:
    """Every telephony table for the period, as the page shows them."""
    return [build(period) for build in TELEPHONY_TABLES.values()]
