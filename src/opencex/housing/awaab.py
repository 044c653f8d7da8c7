"""The steps of Awaab's Law a tenant sees on their repair's page and its tracking page, each
done (with the day) or due (with its date), and late when it was done, or is still not done,
after its date.

The steps and their dates are `opencex.cases.hazard_steps`' (the clocks' own rules): an emergency
is made safe within 24 clock hours of the council becoming aware; a significant hazard (damp and
mould) is investigated within 10 working days, the written summary follows within 3 working days
of the investigation concluding, the home is made safe within 5 and further work begins within 5
(or, where that was not possible, 12 weeks). Nothing here counts a day itself; it only words the
steps for the tenant. A step not yet reachable (the summary before the investigation concludes)
says what starts it instead of a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencex.cases.hazard_steps import HazardStep, StepName
from opencex.cases.hazard_steps import hazard_steps as steps_of
from opencex.cases.models import Case, HazardClass
from opencex.dates_in_language import clock_time


@dataclass(frozen=True)
class Step:
    name: str
    due_on: date | None = None
    due_at: datetime | None = None  # a clock in hours: the time on the due date
    due_time: str = ""  # that time as pages write it ("9:30pm")
    done_on: date | None = None
    is_late: bool = False
    waiting_for: str = ""  # what starts this step's clock, while it has no date
    outcome: str = ""  # what was done instead, or why the step is not needed


_NAMES = {
    StepName.INVESTIGATION: _("We investigate the damp, mould or other hazard"),
    StepName.SUMMARY: _("We send you a written summary of what we found"),
    StepName.MADE_SAFE: _("We make your home safe"),
    StepName.FURTHER_WORK: _("We start any further work your home needs"),
}
_BEFORE_THE_INVESTIGATION = {
    StepName.MADE_SAFE: _("We make your home safe, if we find a significant hazard"),
    StepName.FURTHER_WORK: _("We start any further work, if we find a significant hazard"),
}


def hazard_steps(case: Case) -> list[Step]:
    """Each step the law sets for this repair's hazard, in order, as the tenant reads it; none
    for a repair that is not a hazard."""
    now = timezone.now()
    return [_for_the_tenant(case, step, now) for step in steps_of(case)]


def _for_the_tenant(case: Case, step: HazardStep, now: datetime) -> Step:
    name = str(_NAMES[step.name])
    if case.hazard_class == HazardClass.EMERGENCY:
        name = str(_("We investigate and make your home safe"))
    elif step.due_on is None and not step.not_needed:
        name = str(_BEFORE_THE_INVESTIGATION.get(step.name, name))
    outcome = ""
    if step.not_needed:
        outcome = str(_("We found no significant hazard, so there is no safety work."))
    elif step.alternative_accommodation:
        outcome = str(_("We offered you somewhere safe to stay instead."))
    elif step.twelve_week_route:
        outcome = str(
            _("This work could not start within 5 working days, so the law gives 12 weeks.")
        )
    return Step(
        name=name,
        due_on=step.due_on,
        due_at=step.due_at,
        due_time=clock_time(step.due_at) if step.due_at else "",
        done_on=step.done_on,
        is_late=step.is_late(now),
        waiting_for=""
        if step.due_on or step.not_needed
        else str(_("This date is set when our investigation ends.")),
        outcome=outcome,
    )
