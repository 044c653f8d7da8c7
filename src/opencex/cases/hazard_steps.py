"""The steps Awaab's Law sets for a hazard in a council home, each with the date the clocks give
it and the date an officer recorded it done: read by the staff case page and the tenant portal.

The due dates are the clocks' own rules (`opencex.clocks.rules`), never a second count:
an emergency is made safe within 24 clock hours of the council becoming aware; a significant
hazard is investigated within 10 working days, the written summary follows within 3 working days
of the investigation concluding, the home is made safe within 5 and any further work begins
within 5 (`HAZARD_SAFETY_WORK`'s count) or, where that was not possible and the officer said
why, within 12 weeks (`HAZARD_FURTHER_WORK`). A step done after its date is late, and stays so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.utils import timezone

from opencex.cases.clock import became_aware_at
from opencex.cases.models import Case, HazardClass
from opencex.clocks.calendars import received_on
from opencex.clocks.rules import DeadlineKind, compute_deadline, compute_hour_deadline
from opencex.council.calendar import council_calendar


class StepName(StrEnum):
    """Each step, named as the acts that record it are (`policies.available_actions`)."""

    INVESTIGATION = "investigation"
    SUMMARY = "summary"
    MADE_SAFE = "made-safe"
    FURTHER_WORK = "further-work"


@dataclass(frozen=True)
class HazardStep:
    name: StepName
    due_on: date | None = None  # None while the step's clock has not started
    due_at: datetime | None = None  # a clock in hours (an emergency): the time it is due
    done_on: date | None = None
    done_at: datetime | None = None  # when the step has a time (made safe)
    not_needed: bool = False  # no significant hazard found: nothing to make safe
    alternative_accommodation: bool = False  # an emergency: offered instead of made safe
    twelve_week_route: bool = False  # further work could not begin within 5 working days

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_late(self, now: datetime | None = None) -> bool:
        """Done after its date, or not done and its date has passed."""
        now = now or timezone.now()
        if self.not_needed:
            return False
        if self.due_at is not None:
            return (self.done_at or now) > self.due_at
        if self.due_on is None:
            return False
        return (self.done_on or timezone.localdate(now)) > self.due_on


def hazard_steps(case: Case) -> list[HazardStep]:
    """Each step the law sets for `case`'s hazard, in order; none for a case without one."""
    if case.hazard_class == HazardClass.EMERGENCY:
        due = compute_hour_deadline(DeadlineKind.HAZARD_EMERGENCY, became_aware_at(case))
        return [_made_safe(case, due_on=due.due, due_at=due.due_at)]
    if case.hazard_class != HazardClass.SIGNIFICANT:
        return []
    region = council_calendar()
    aware_on = received_on(became_aware_at(case))
    concluded = case.investigation_concluded_on
    investigation = HazardStep(
        name=StepName.INVESTIGATION,
        due_on=compute_deadline(DeadlineKind.HAZARD_INVESTIGATION, aware_on, region=region).due,
        done_on=concluded,
    )
    if concluded is None:
        waiting = [HazardStep(name=name) for name in _AFTER_THE_INVESTIGATION]
        return [investigation, *waiting]
    summary = HazardStep(
        name=StepName.SUMMARY,
        due_on=compute_deadline(DeadlineKind.HAZARD_SUMMARY, concluded, region=region).due,
        done_on=case.summary_given_on,
    )
    if not case.significant_hazard_found:
        nothing = [HazardStep(name=name, not_needed=True) for name in _WORK]
        return [investigation, summary, *nothing]
    five_days = compute_deadline(DeadlineKind.HAZARD_SAFETY_WORK, concluded, region=region).due
    twelve_weeks = bool(case.further_work_delay_reason)
    further = DeadlineKind.HAZARD_FURTHER_WORK if twelve_weeks else DeadlineKind.HAZARD_SAFETY_WORK
    return [
        investigation,
        summary,
        _made_safe(case, due_on=five_days),
        HazardStep(
            name=StepName.FURTHER_WORK,
            due_on=compute_deadline(further, concluded, region=region).due,
            done_on=case.further_work_began_on,
            twelve_week_route=twelve_weeks,
        ),
    ]


_AFTER_THE_INVESTIGATION = (StepName.SUMMARY, StepName.MADE_SAFE, StepName.FURTHER_WORK)
_WORK = (StepName.MADE_SAFE, StepName.FURTHER_WORK)


def _made_safe(case: Case, *, due_on: date | None, due_at: datetime | None = None) -> HazardStep:
    done_at = timezone.localtime(case.made_safe_at) if case.made_safe_at else None
    return HazardStep(
        name=StepName.MADE_SAFE,
        due_on=due_on,
        due_at=timezone.localtime(due_at) if due_at else None,
        done_on=done_at.date() if done_at else None,
        done_at=done_at,
        alternative_accommodation=case.alternative_accommodation_offered,
    )


def step_of(case: Case, name: StepName) -> HazardStep | None:
    """`case`'s step `name`, if its hazard has one."""
    return next((step for step in hazard_steps(case) if step.name == name), None)
