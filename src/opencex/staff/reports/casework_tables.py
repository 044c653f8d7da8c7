"""The reports page's casework tables: overdue cases now, complaints by stage (in time, outcomes,
lessons learned) and information requests (in time, decisions, exemptions cited), with the FOI
figure the council publishes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.utils.translation import gettext as _

from opencex.cases.models import CaseKind
from opencex.insight.complaints import complaints_by_stage, lessons_learned
from opencex.insight.information_requests import (
    exemptions_cited,
    foi_answered_in_time,
    information_requests,
)
from opencex.insight.overdue import overdue_now
from opencex.staff.reports.cells import Cell, Column, ReportChoice, Table


def _group_heading(choice: ReportChoice, *, complained_about: bool = False) -> str:
    if choice.service_area is not None:
        return _("Service")
    return _("Service area complained about") if complained_about else _("Service area")


def _group(choice: ReportChoice, row) -> str:
    """The row's service area or service in words, or what all of them together are called."""
    if row.is_total and choice.service_area is not None:
        return _("All services in %(area)s") % {"area": choice.service_area.name}
    if row.is_total:
        return _("All service areas")
    return row.group or _("Not recorded")


def _kind(kind: str) -> str:
    """The kind of request as the register's tables say it, short enough for a narrow column."""
    names: dict[str, str] = {
        CaseKind.FOI: _("FOI"),
        CaseKind.EIR: _("EIR"),
        CaseKind.SAR: _("Subject access"),
        CaseKind.FOI_INTERNAL_REVIEW: _("FOI internal review"),
    }
    return names[kind]


def _narrowed(choice: ReportChoice) -> str:
    return choice.service_area.slug if choice.service_area is not None else ""


def _stage(stage: int) -> str:
    return _("Stage %(stage)s") % {"stage": stage}


@dataclass(frozen=True)
class _Figure:
    """A column of a table grouped by service area, and the row attribute it shows."""

    heading: str
    kind: str
    value: Callable[[Any], Any]


def _figure(heading: str, kind: str, name: str) -> _Figure:
    return _Figure(heading, kind, attrgetter(name))


def _grouped_table(
    choice: ReportChoice,
    *,
    slug: str,
    title: str,
    explanation: str,
    first: tuple[str, Callable[[Any], str]],
    figures: list[_Figure],
    rows: Iterable[Any],
    complained_about: bool = False,
) -> Table:
    """A table with a row per `first` (stage, kind of request) and service area or service,
    narrowed to the service area chosen; each figure's heading stands beside its value."""
    heading, label = first
    table = Table(
        slug,
        title,
        explanation,
        [
            Column(heading),
            Column(_group_heading(choice, complained_about=complained_about)),
            *(Column(figure.heading, figure.kind) for figure in figures),
        ],
        header_columns=2,
        narrowed_to=_narrowed(choice),
    )
    for row in rows:
        table.add(label(row), _group(choice, row), *(figure.value(row) for figure in figures))
    return table


def overdue_table(choice: ReportChoice) -> Table:
    table = Table(
        "overdue-now",
        _("Overdue now"),
        _(
            "Open cases across the council whose due date has passed, as at today, by kind and "
            "team. A case whose clock is stopped while we wait for the resident has no due date, "
            "so it is not counted. This table is not for the period chosen."
        ),
        [
            Column(_("Kind of case")),
            Column(_("Team")),
            Column(_("Overdue cases"), "count"),
            Column(_("Due longest ago"), "date"),
            Column(_("Most days overdue"), "count"),
        ],
        header_columns=2,
        as_of=choice.today,
    )
    for row in overdue_now(choice.today):
        team = _("All teams") if row.is_total else row.team or _("No team")
        late = (choice.today - row.oldest_due_on).days if row.oldest_due_on else None
        table.add(row.label or _("All kinds"), team, row.cases, row.oldest_due_on, late)
    return table


def complaints_table(choice: ReportChoice) -> Table:
    return _grouped_table(
        choice,
        slug="complaints-in-time",
        title=_("Complaints answered in time"),
        explanation=_(
            "Received: stage 1 complaints received in the period, and complaints taken to stage 2 "
            "in it. Responded: stage responses sent in the period; in time means on or before "
            "the stage's due date, which allows for its extension. A withdrawn complaint is not "
            "counted as responded. Working days run from the day the stage began (received, or "
            "escalated) to the response, in the council's calendar, acknowledgement included. "
            "Grouped by the service the complaint is about."
        ),
        first=(_("Stage"), lambda row: _stage(row.stage)),
        figures=[
            _figure(_("Received"), "count", "received"),
            _figure(_("Responded"), "count", "responded"),
            _figure(_("Responded in time"), "count", "in_time"),
            _figure(_("In time"), "percent", "in_time_rate"),
            _figure(_("Average working days to respond"), "days", "average_working_days"),
            _figure(_("Deadline extended"), "count", "extended"),
            _Figure(
                _("Taken to stage 2"), "count", lambda r: r.escalated if r.stage == 1 else None
            ),
        ],
        rows=complaints_by_stage(choice.period, breakdown=choice.breakdown),
        complained_about=True,
    )


def outcomes_table(choice: ReportChoice) -> Table:
    return _grouped_table(
        choice,
        slug="complaint-outcomes",
        title=_("Complaint outcomes"),
        explanation=_(
            "The outcome of each stage response sent in the period. A complaint marked responded "
            "without a stage response has no outcome recorded."
        ),
        first=(_("Stage"), lambda row: _stage(row.stage)),
        figures=[
            _figure(_("Responded"), "count", "responded"),
            _figure(_("Upheld"), "count", "upheld"),
            _figure(_("Partly upheld"), "count", "partly_upheld"),
            _figure(_("Not upheld"), "count", "not_upheld"),
            _figure(_("No outcome recorded"), "count", "outcome_not_recorded"),
        ],
        rows=complaints_by_stage(choice.period, breakdown=choice.breakdown),
        complained_about=True,
    )


def lessons_table(choice: ReportChoice) -> Table:
    table = Table(
        "lessons-learned",
        _("Lessons learned from complaints"),
        _("The lessons recorded with the stage responses sent in the period, newest first."),
        [
            Column(_("Service area")),
            Column(_("Service")),
            Column(_("Lesson learned")),
            Column(_("Date"), "date"),
            Column(_("Complaint")),
        ],
        empty=_("No lessons learned were recorded in this period."),
        narrowed_to=_narrowed(choice),
    )
    for lesson in lessons_learned(choice.period, breakdown=choice.breakdown):
        complaint = _("%(reference)s, stage %(stage)s") % {
            "reference": lesson.reference,
            "stage": lesson.stage,
        }
        table.add(
            lesson.service_area, lesson.service, lesson.lesson, lesson.responded_on, complaint
        )
    return table


def information_requests_table(choice: ReportChoice) -> Table:
    return _grouped_table(
        choice,
        slug="information-requests",
        title=_("Information requests answered in time"),
        explanation=_(
            "Answered: responded to in the period; in time means on or before the statutory due "
            "date, which allows for a clarification restarting the clock, a fees notice stopping "
            "it and an extension. A withdrawn or lapsed request is not counted as answered. Days "
            "run from the day the clock last started to the answer, leaving out days it was "
            "stopped; working days are UK-wide for FOI, EIR and internal reviews (a bank holiday "
            "anywhere in the UK does not count), the council's for subject access."
        ),
        first=(_("Kind of request"), lambda row: _kind(row.kind)),
        figures=[
            _figure(_("Received"), "count", "received"),
            _figure(_("Answered"), "count", "answered"),
            _figure(_("Answered in time"), "count", "in_time"),
            _figure(_("In time"), "percent", "in_time_rate"),
            _figure(_("Average working days"), "days", "average_working_days"),
            _figure(_("Average calendar days"), "days", "average_calendar_days"),
            _figure(_("Deadline extended"), "count", "extended"),
        ],
        rows=information_requests(choice.period, breakdown=choice.breakdown),
    )


def decisions_table(choice: ReportChoice) -> Table:
    return _grouped_table(
        choice,
        slug="information-decisions",
        title=_("Information request decisions"),
        explanation=_(
            "The decisions on requests answered in the period, and the complaints the ICO told "
            "us about in the period."
        ),
        first=(_("Kind of request"), lambda row: _kind(row.kind)),
        figures=[
            _figure(_("Answered"), "count", "answered"),
            _figure(_("Released"), "count", "released"),
            _figure(_("Released in part"), "count", "part_released"),
            _figure(_("Refused"), "count", "refused"),
            _figure(_("Not held"), "count", "not_held"),
            _figure(_("Neither confirm nor deny"), "count", "neither_confirm_nor_deny"),
            _figure(_("No decision recorded"), "count", "decision_not_recorded"),
            _figure(_("ICO complaints"), "count", "ico_complaints"),
        ],
        rows=information_requests(choice.period, breakdown=choice.breakdown),
    )


def exemptions_table(choice: ReportChoice) -> Table:
    table = Table(
        "exemptions-cited",
        _("Exemptions cited"),
        _(
            "The FOI exemptions and EIR exceptions most relied on in answers sent in the period, "
            "and how many requests cited each."
        ),
        [Column(_("Exemption or exception")), Column(_("Requests"), "count")],
        empty=_("No exemptions or exceptions were cited in answers sent in this period."),
        narrowed_to=_narrowed(choice),
    )
    for row in exemptions_cited(choice.period, breakdown=choice.breakdown):
        table.add(row.label, row.requests)
    return table


def foi_headline(choice: ReportChoice) -> str:
    """The council's published measure, for the whole council whatever service area is chosen."""
    figure = foi_answered_in_time(choice.period)
    if not figure.judged:
        return _("FOI answered in time this period: no FOI requests were answered.")
    return _("FOI answered in time this period: %(rate)s (%(in_time)s of %(judged)s)") % {
        "rate": Cell(figure.rate, "percent").as_html(),
        "in_time": f"{figure.in_time:,}",
        "judged": f"{figure.judged:,}",
    }
