"""The reports page's tables, built from opencex.insight: the same rows are shown on the page and
downloaded as CSV. Demand and satisfaction are here; complaints, information requests and the
overdue cases in `casework_tables`."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opencex.cases.models import Channel
from opencex.insight import selectors
from opencex.insight.periods import Period
from opencex.staff.reports import casework_tables as casework
from opencex.staff.reports.cells import Cell, Column, ReportChoice, Table


def _channel(value: str) -> str:
    if not value:
        return _("All channels")
    return Channel(value).label if value in Channel.values else value


def demand_table(choice: ReportChoice) -> Table:
    table = Table(
        "demand-by-channel",
        _("Demand by channel"),
        _(
            "Cases received, and contacts officers resolved without opening a case. A call that "
            "opened a case is counted once, as the case."
        ),
        [
            Column(_("Channel")),
            Column(_("Cases received"), "count"),
            Column(_("Contacts resolved without a case"), "count"),
            Column(_("Total"), "count"),
        ],
    )
    for row in selectors.demand_by_channel(choice.period):
        table.add(_channel(row.channel), row.cases, row.contacts, row.total)
    return table


def resolution_table(choice: ReportChoice) -> Table:
    table = Table(
        "first-contact-resolution",
        _("First-contact resolution"),
        _("Contacts officers logged, and how many were resolved or signposted there and then."),
        [
            Column(_("Channel")),
            Column(_("Contacts logged"), "count"),
            Column(_("Resolved at first contact"), "count"),
            Column(_("Rate"), "percent"),
        ],
    )
    for row in selectors.first_contact_resolution(choice.period):
        table.add(_channel(row.channel), row.contacts, row.resolved, row.rate)
    return table


def repeat_table(choice: ReportChoice) -> Table:
    table = Table(
        "repeat-contact",
        _("Repeat contact"),
        _(
            "A repeat is a case or contact from a resident who had already contacted us about "
            "the same service in the %(days)s days before. Contacts from someone who did not give "
            "their name, or about no particular service, are not counted."
        )
        % {"days": selectors.REPEAT_WINDOW_DAYS},
        [
            Column(_("Service")),
            Column(_("Cases and contacts"), "count"),
            Column(_("Repeats"), "count"),
            Column(_("Repeat rate"), "percent"),
        ],
    )
    for row in selectors.repeat_contact(choice.period):
        table.add(row.service or _("All services"), row.contacts, row.repeats, row.rate)
    return table


def cases_table(choice: ReportChoice) -> Table:
    table = Table(
        "cases-by-kind",
        _("Cases in time"),
        _(
            "A case is finished on the day it was responded to or, without a response, the day it "
            "was closed. In time means finished on or before the due date, which allows for "
            "paused clocks and extensions. Withdrawn cases are not counted as finished. A "
            "complaint is counted at the stage it is at now; the complaint tables below count "
            "each stage's response, so they are the ones to compare with the published figures."
        ),
        [
            Column(_("Kind of case")),
            Column(_("Received"), "count"),
            Column(_("Finished"), "count"),
            Column(_("Finished without a due date"), "count"),
            Column(_("Finished in time"), "count"),
            Column(_("In time"), "percent"),
        ],
    )
    for row in selectors.cases_by_kind(choice.period):
        table.add(
            row.label or _("All cases"), row.received, row.finished, row.without_due_date,
            row.in_time, row.in_time_rate,
        )  # fmt: skip
    return table


def satisfaction_table(choice: ReportChoice) -> Table:
    table = Table(
        "satisfaction",
        _("Satisfaction"),
        _(
            "Ratings residents gave after their case closed, by the channel the case came in by. "
            "Satisfied means 4 or 5 out of 5."
        ),
        [
            Column(_("Channel")),
            Column(_("Ratings"), "count"),
            Column(_("Average out of 5"), "average"),
            Column(_("Satisfied"), "count"),
            Column(_("Satisfied share"), "percent"),
        ],
    )
    for row in selectors.satisfaction(choice.period):
        table.add(
            _channel(row.channel), row.ratings, row.average, row.satisfied, row.satisfied_rate
        )
    return table


def _dates(period: Period) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(period.start, "j F Y"),
        "end": date_format(period.end, "j F Y"),
    }


def shift_table(choice: ReportChoice) -> Table:
    table = Table(
        "channel-shift",
        _("Channel shift"),
        _(
            "The website's share of demand (as counted above) against phone, face to face, email, "
            "letter and outreach; partner systems are left out. The period before has the same "
            "number of days and starts on the same day of the week."
        ),
        [
            Column(_("Period")),
            Column(_("Dates")),
            Column(_("Website"), "count"),
            Column(_("Assisted"), "count"),
            Column(_("Website share"), "percent"),
        ],
    )
    shift = selectors.channel_shift(choice.period)
    for name, mix in [(_("This period"), shift.current), (_("Period before"), shift.previous)]:
        table.add(name, _dates(mix.period), mix.self_service, mix.assisted, mix.self_service_rate)
    table.rows.append(
        [Cell(_("Change")), Cell(""), Cell(None, "count"), Cell(None, "count"),
         Cell(shift.change, "points")]
    )  # fmt: skip
    return table


TABLES: dict[str, Callable[[ReportChoice], Table]] = {
    "demand-by-channel": demand_table,
    "overdue-now": casework.overdue_table,
    "first-contact-resolution": resolution_table,
    "repeat-contact": repeat_table,
    "cases-by-kind": cases_table,
    "satisfaction": satisfaction_table,
    "channel-shift": shift_table,
    "complaints-in-time": casework.complaints_table,
    "complaint-outcomes": casework.outcomes_table,
    "lessons-learned": casework.lessons_table,
    "information-requests": casework.information_requests_table,
    "information-decisions": casework.decisions_table,
    "exemptions-cited": casework.exemptions_table,
}


def period_in_words(period: Period) -> str:
    return _dates(period)
