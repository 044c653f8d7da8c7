"""The dashboards' tables, built from opencex.insight.dashboards, and how each is drawn: the same
`cells.Table` is the chart's data, the table beside it, and the CSV and XLSX downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.cases.models import Channel
from opencex.insight import dashboards
from opencex.insight.dashboards import Filters
from opencex.staff.reports.cells import Column, Table

WEEKDAYS = {
    1: gettext_lazy("Monday"),
    2: gettext_lazy("Tuesday"),
    3: gettext_lazy("Wednesday"),
    4: gettext_lazy("Thursday"),
    5: gettext_lazy("Friday"),
    6: gettext_lazy("Saturday"),
    7: gettext_lazy("Sunday"),
}


@dataclass(frozen=True)
class Dashboard:
    """A table and how to chart it (see opencex.insight.charts.chart_spec)."""

    table: Table
    kind: str = "bar"
    value: str | None = None  # the column drawn; by default the first numeric one
    total_row: bool = False  # the table's last row is a total, left out of the chart
    measure: str = ""  # what is counted, for the chart's summary


def _channel(value: str) -> str:
    return Channel(value).label if value in Channel.values else value


def _volume_table(slug: str, title, heading, unrecorded, all_label):
    """The builder of a volumes table; the words are lazy, translated when it is built."""

    def build(filters: Filters, bucket: str) -> Dashboard:
        dimension = slug.removeprefix("volumes-by-")
        table = Table(
            slug,
            str(title),
            _(
                "Cases received and contacts resolved without a case in the period (a call that "
                "opened a case is counted once, as the case), most first."
            ),
            [
                Column(str(heading)),
                Column(_("Cases received"), "count"),
                Column(_("Contacts without a case"), "count"),
                Column(_("Total"), "count"),
            ],
            empty=_("Nothing was received in the period."),
        )
        volumes = dashboards.volumes_by(filters, dimension)
        for volume in volumes:
            name = _channel(volume.name) if dimension == "channel" else volume.name
            table.add(name or str(unrecorded), volume.cases, volume.contacts, volume.total)
        if volumes:
            table.add(
                str(all_label),
                sum(volume.cases for volume in volumes),
                sum(volume.contacts for volume in volumes),
                sum(volume.total for volume in volumes),
            )
        return Dashboard(table, "bar", _("Total"), True, _("cases and contacts"))

    return build


def over_time_table(filters: Filters, bucket: str) -> Dashboard:
    headings = {"day": _("Day"), "week": _("Week beginning"), "month": _("Month beginning")}
    table = Table(
        "volumes-over-time",
        _("Cases and contacts over time"),
        _(
            "Cases received and contacts resolved without a case in each %(bucket)s of the period; "
            "the first and last hold only the period's days."
        )
        % {"bucket": {"day": _("day"), "week": _("week"), "month": _("month")}[bucket]},
        [
            Column(headings[bucket], "date"),
            Column(_("Cases received"), "count"),
            Column(_("Contacts without a case"), "count"),
            Column(_("Total"), "count"),
        ],
    )
    buckets = dashboards.volumes_over_time(filters, bucket)
    for row in buckets:
        table.add(row.starts_on, row.cases, row.contacts, row.total)
    kind = "column" if len(buckets) <= 31 else "line"
    return Dashboard(table, kind, _("Total"), False, _("cases and contacts"))


def arrival_times_table(filters: Filters, bucket: str) -> Dashboard:
    table = Table(
        "arrival-times",
        _("When cases and contacts arrive"),
        _(
            "Cases received and contacts resolved without a case in the period, by day of the "
            "week and the hour they arrived (London time): 09 is 9:00 to 9:59."
        ),
        [
            Column(_("Day")),
            *(Column(f"{hour:02d}", "count") for hour in range(24)),
            Column(_("Total"), "count"),
        ],
    )
    times = dashboards.arrival_times(filters)
    for weekday, name in WEEKDAYS.items():
        hours = [times.at(weekday, hour) for hour in range(24)]
        table.add(str(name), *hours, times.on(weekday))
    return Dashboard(table, "heatmap", measure=_("cases and contacts"))


AGE_BAND_NAMES = (
    gettext_lazy("Under 5 working days"),
    gettext_lazy("5 to 9 working days"),
    gettext_lazy("10 to 19 working days"),
    gettext_lazy("20 working days or more"),
)


def age_bands_table(filters: Filters, bucket: str) -> Dashboard:
    table = Table(
        "backlog-by-age",
        _("Open cases by age"),
        _(
            "Cases open today, by the working days since they were received (the council's "
            "calendar: weekends, bank holidays and closures do not count)."
        ),
        [Column(_("Age")), Column(_("Open cases"), "count"), Column(_("Share"), "percent")],
        as_of=filters.today,
    )
    ageing = dashboards.backlog_by_age(filters)
    bands = [sum(row.bands[index] for row in ageing) for index in range(len(AGE_BAND_NAMES))]
    total = sum(bands)
    for name, count in zip(AGE_BAND_NAMES, bands, strict=True):
        table.add(str(name), count, count / total if total else None)
    table.add(_("All open cases"), total, 1.0 if total else None)
    return Dashboard(table, "bar", _("Open cases"), True, _("open cases"))


def backlog_by_team_table(filters: Filters, bucket: str) -> Dashboard:
    table = Table(
        "backlog-by-team",
        _("Open cases by team and age"),
        _("Cases open today for each team, by working days since they were received."),
        [Column(_("Team")), *(Column(str(name), "count") for name in AGE_BAND_NAMES),
         Column(_("Open cases"), "count")],
        empty=_("No cases are open."),
        as_of=filters.today,
    )  # fmt: skip
    ageing = dashboards.backlog_by_age(filters)
    for row in ageing:
        table.add(row.team or _("No team"), *row.bands, row.open_cases)
    if ageing:
        totals = [sum(row.bands[index] for row in ageing) for index in range(len(AGE_BAND_NAMES))]
        table.add(_("All teams"), *totals, sum(totals))
    return Dashboard(table, "bar", _("Open cases"), True, _("open cases"))


def clocks_table(filters: Filters, bucket: str) -> Dashboard:
    statuses = dashboards.CLOCK_STATUSES
    table = Table(
        "clocks-by-team",
        _("Open cases against their clocks"),
        _(
            "Cases open today for each team by their clock, as the queues show it: due soon is "
            "due within 2 working days; a paused clock is waiting for the resident."
        ),
        [Column(_("Team")), *(Column(str(status.label), "count") for status in statuses),
         Column(_("Open cases"), "count")],
        empty=_("No cases are open."),
        as_of=filters.today,
    )  # fmt: skip
    standings = dashboards.clocks_by_team(filters)
    for row in standings:
        table.add(row.team or _("No team"), *(row.of(s) for s in statuses), row.open_cases)
    if standings:
        totals = [sum(row.of(status) for row in standings) for status in statuses]
        table.add(_("All teams"), *totals, sum(totals))
    return Dashboard(table, "bar", _("Overdue"), True, _("overdue cases"))


_lazy = gettext_lazy  # the words below are translated when a table is built

DASHBOARDS: dict[str, Callable[[Filters, str], Dashboard]] = {
    "volumes-by-channel": _volume_table(
        "volumes-by-channel", _lazy("Cases and contacts by channel"), _lazy("Channel"),
        _lazy("No channel recorded"), _lazy("All channels"),
    ),
    "volumes-by-service": _volume_table(
        "volumes-by-service", _lazy("Cases and contacts by service"), _lazy("Service"),
        _lazy("No service recorded"), _lazy("All services"),
    ),
    "volumes-by-team": _volume_table(
        "volumes-by-team", _lazy("Cases and contacts by team"), _lazy("Team"),
        _lazy("No team recorded"), _lazy("All teams"),
    ),
    "volumes-over-time": over_time_table,
    "arrival-times": arrival_times_table,
    "backlog-by-age": age_bands_table,
    "backlog-by-team": backlog_by_team_table,
    "clocks-by-team": clocks_table,
}  # fmt: skip
