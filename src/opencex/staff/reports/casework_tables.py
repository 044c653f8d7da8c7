"""The reports page's casework tables: overdue cases now, complaints by stage (in time, outcomes,
lessons learned) and information requests (in time, decisions, exemptions cited), with the FOI
figure the council publishes."""

from __future__ import annotations

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
    return {
        CaseKind.FOI: _("FOI"),
        CaseKind.EIR: _("EIR"),
        CaseKind.SAR: _("Subject access"),
        CaseKind.FOI_INTERNAL_REVIEW: _("FOI internal review"),
    }[kind]


def _narrowed(choice: ReportChoice) -> str:
    return choice.service_area.slug if choice.service_area is not None else ""


def _stage(stage: int) -> str:
    return _("Stage %(stage)s") % {"stage": stage}


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
    table = Table(
        "complaints-in-time",
        _("Complaints answered in time"),
        _(
            "Received: stage 1 complaints received in the period, and complaints taken to stage 2 "
            "in it. Responded: stage responses sent in the period; in time means on or before "
            "the stage's due date, which allows for its extension. A withdrawn complaint is not "
            "counted as responded. Working days run from the day the stage began (received, or "
            "escalated) to the response, in the council's calendar, acknowledgement included. "
            "Grouped by the service the complaint is about."
        ),
        [
            Column(_("Stage")),
            Column(_group_heading(choice, complained_about=True)),
            Column(_("Received"), "count"),
            Column(_("Responded"), "count"),
            Column(_("Responded in time"), "count"),
            Column(_("In time"), "percent"),
            Column(_("Average working days to respond"), "days"),
            Column(_("Deadline extended"), "count"),
            Column(_("Taken to stage 2"), "count"),
        ],
        header_columns=2,
        narrowed_to=_narrowed(choice),
    )
    for row in complaints_by_stage(choice.period, breakdown=choice.breakdown):
        table.add(
            _stage(row.stage), _group(choice, row), row.received, row.responded, row.in_time,
            row.in_time_rate, row.average_working_days, row.extended,
            row.escalated if row.stage == 1 else None,
        )  # fmt: skip
    return table


def outcomes_table(choice: ReportChoice) -> Table:
    table = Table(
        "complaint-outcomes",
        _("Complaint outcomes"),
        _(
            "The outcome of each stage response sent in the period. A complaint marked responded "
            "without a stage response has no outcome recorded."
        ),
        [
            Column(_("Stage")),
            Column(_group_heading(choice, complained_about=True)),
            Column(_("Responded"), "count"),
            Column(_("Upheld"), "count"),
            Column(_("Partly upheld"), "count"),
            Column(_("Not upheld"), "count"),
            Column(_("No outcome recorded"), "count"),
        ],
        header_columns=2,
        narrowed_to=_narrowed(choice),
    )
    for row in complaints_by_stage(choice.period, breakdown=choice.breakdown):
        table.add(
            _stage(row.stage), _group(choice, row), row.responded, row.upheld,
            row.partly_upheld, row.not_upheld, row.outcome_not_recorded,
        )  # fmt: skip
    return table


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
    table = Table(
        "information-requests",
        _("Information requests answered in time"),
        _(
            "Answered: responded to in the period; in time means on or before the statutory due "
            "date, which allows for a clarification restarting the clock, a fees notice stopping "
            "it and an extension. A withdrawn or lapsed request is not counted as answered. Days "
            "run from the day the clock last started to the answer, leaving out days it was "
            "stopped; working days are UK-wide for FOI, EIR and internal reviews (a bank holiday "
            "anywhere in the UK does not count), the council's for subject access."
        ),
        [
            Column(_("Kind of request")),
            Column(_group_heading(choice)),
            Column(_("Received"), "count"),
            Column(_("Answered"), "count"),
            Column(_("Answered in time"), "count"),
            Column(_("In time"), "percent"),
            Column(_("Average working days"), "days"),
            Column(_("Average calendar days"), "days"),
            Column(_("Deadline extended"), "count"),
        ],
        header_columns=2,
        narrowed_to=_narrowed(choice),
    )
    for row in information_requests(choice.period, breakdown=choice.breakdown):
        table.add(
            _kind(row.kind), _group(choice, row), row.received, row.answered, row.in_time,
            row.in_time_rate, row.average_working_days, row.average_calendar_days, row.extended,
        )  # fmt: skip
    return table


def decisions_table(choice: ReportChoice) -> Table:
    table = Table(
        "information-decisions",
        _("Information request decisions"),
        _(
            "The decisions on requests answered in the period, and the complaints the ICO told "
            "us about in the period."
        ),
        [
            Column(_("Kind of request")),
            Column(_group_heading(choice)),
            Column(_("Answered"), "count"),
            Column(_("Released"), "count"),
            Column(_("Released in part"), "count"),
            Column(_("Refused"), "count"),
            Column(_("Not held"), "count"),
            Column(_("Neither confirm nor deny"), "count"),
            Column(_("No decision recorded"), "count"),
            Column(_("ICO complaints"), "count"),
        ],
        header_columns=2,
        narrowed_to=_narrowed(choice),
    )
    for row in information_requests(choice.period, breakdown=choice.breakdown):
        table.add(
            _kind(row.kind), _group(choice, row), row.answered, row.released, row.part_released,
            row.refused, row.not_held, row.neither_confirm_nor_deny, row.decision_not_recorded,
            row.ico_complaints,
        )  # fmt: skip
    return table


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
