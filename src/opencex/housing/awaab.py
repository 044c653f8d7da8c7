"""The steps of Awaab's Law a tenant sees on their repair's page, each with its date.

The dates are the clocks' own (`opencex.clocks.rules` through `opencex.cases.clock`): an
emergency is made safe within 24 clock hours of the council becoming aware; a significant hazard
(damp and mould) is investigated within 10 working days, the written summary follows within 3
working days of the investigation concluding and the safety work within 5. Nothing here counts a
day itself. A step not yet reachable (the summary before the investigation concludes) says what
starts it instead of a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencex.cases.clock import became_aware_at, case_deadline
from opencex.cases.models import Case, HazardClass
from opencex.clocks.calendars import received_on
from opencex.clocks.rules import DeadlineKind, compute_deadline
from opencex.council.calendar import council_calendar
from opencex.dates_in_language import clock_time


@dataclass(frozen=True)
class Step:
    name: str
    due_on: date | None = None
    due_at: datetime | None = None  # a clock in hours: the time on the due date
    due_time: str = ""  # that time as pages write it ("9:30pm")
    done_on: date | None = None
    waiting_for: str = ""  # what starts this step's clock, while it has no date
    outcome: str = ""


def hazard_steps(case: Case) -> list[Step]:
    """Each step the law sets for this repair's hazard, in order; none for a repair that is not
    a hazard."""
    if case.hazard_class == HazardClass.EMERGENCY:
        deadline = case_deadline(case)
        due_at = timezone.localtime(deadline.due_at) if deadline.due_at else None
        return [
            Step(
                name=str(_("We investigate and make your home safe")),
                due_on=deadline.due,
                due_at=due_at,
                due_time=clock_time(due_at) if due_at else "",
                done_on=_finished_on(case),
            )
        ]
    if case.hazard_class != HazardClass.SIGNIFICANT:
        return []
    region = council_calendar()
    aware_on = received_on(became_aware_at(case))
    investigation = compute_deadline(DeadlineKind.HAZARD_INVESTIGATION, aware_on, region=region)
    concluded = case.investigation_concluded_on
    steps = [
        Step(
            name=str(_("We investigate the damp, mould or other hazard")),
            due_on=investigation.due,
            done_on=concluded,
        )
    ]
    if concluded is None:
        starts = str(_("This date is set when our investigation ends."))
        steps += [
            Step(name=str(_("We send you a written summary of what we found")), waiting_for=starts),
            Step(
                name=str(_("We make your home safe, if we find a significant hazard")),
                waiting_for=starts,
            ),
        ]
        return steps
    summary = compute_deadline(DeadlineKind.HAZARD_SUMMARY, concluded, region=region)
    steps.append(
        Step(name=str(_("We send you a written summary of what we found")), due_on=summary.due)
    )
    if case.significant_hazard_found:
        safety = compute_deadline(DeadlineKind.HAZARD_SAFETY_WORK, concluded, region=region)
        steps.append(
            Step(
                name=str(_("We make your home safe")),
                due_on=safety.due,
                done_on=_finished_on(case),
            )
        )
    else:
        steps.append(
            Step(
                name=str(_("We make your home safe, if we find a significant hazard")),
                outcome=str(_("We found no significant hazard, so there is no safety work.")),
            )
        )
    return steps


def _finished_on(case: Case) -> date | None:
    """The day the work was finished: the case closed or resolved."""
    if case.is_open or case.closed_at is None:
        return None
    return timezone.localdate(case.closed_at)
