"""Hazards in council homes (Awaab's Law): record a hazard and when the council became aware of
it, and record that the investigation concluded, which starts the summary and safety-work clocks.

A web form's answers choose the hazard class when the case opens (`opencex.cases.hazards`); these
are the officer's door for everything else: a hazard reported by phone, email, a complaint or seen
on a visit, a class put right, and the investigation's finding.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from opencex.cases import policies
from opencex.cases.actions.core import locked, officer_acts, require
from opencex.cases.clock import apply_deadline, case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind, EventKind, HazardClass
from opencex.cases.timeline import record_event
from opencex.clocks.calendars import received_on


@transaction.atomic
def record_hazard(
    *,
    actor,
    case: Case,
    hazard_class: str,
    became_aware_at: datetime | None = None,
) -> Case:
    """Put `case` on the clock of `hazard_class`, counted from when the council became aware
    (`became_aware_at`, if earlier than the case was received: a visit, a call logged later).
    A class of "" takes the case off the hazard clocks, back to its service standard."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot record a hazard on this case.")
    hazard_class = HazardClass(hazard_class)
    if case.kind != CaseKind.SERVICE_REQUEST:
        raise CaseError("Only a repair (a service request) runs on a hazard clock.")
    if became_aware_at is not None:
        if became_aware_at.tzinfo is None:
            raise CaseError("Give the time the council became aware with its time zone.")
        if became_aware_at > case.received_at:
            raise CaseError(
                "The council became aware when the case was received, or earlier: not later."
            )
        if became_aware_at > timezone.now():
            raise CaseError("The council cannot have become aware in the future.")
    if case.investigation_concluded_on is not None and hazard_class != case.hazard_class:
        raise CaseError("The investigation has concluded: the hazard class can no longer change.")
    case.hazard_class = hazard_class
    case.became_aware_at = became_aware_at
    apply_deadline(case, case_deadline(case))
    officer_acts(case)
    case.save()
    record_event(
        case,
        EventKind.HAZARD_RECORDED,
        actor,
        f"{hazard_class.label} recorded" if hazard_class else "Hazard clock removed",
        visible=True,
        data={
            "hazard_class": hazard_class,
            "became_aware_at": became_aware_at,
            "due_on": case.due_on,
            "due_at": case.due_at,
        },
    )
    return case


@transaction.atomic
def conclude_hazard_investigation(
    *,
    actor,
    case: Case,
    significant_hazard_found: bool,
    on: date | None = None,
) -> Case:
    """The investigation of a significant hazard concluded on `on` (today by default): the
    written summary is due in 3 working days and, where a significant hazard was found, the
    safety work in 5."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot record this investigation.")
    if case.hazard_class != HazardClass.SIGNIFICANT:
        raise CaseError("Only a significant hazard has an investigation to conclude.")
    if case.investigation_concluded_on is not None:
        raise CaseError("The investigation has already concluded.")
    on = on or timezone.localdate()
    aware_on = received_on(case.became_aware_at or case.received_at)
    if on < aware_on:
        raise CaseError("An investigation cannot conclude before the council became aware.")
    if on > timezone.localdate():
        raise CaseError("An investigation cannot conclude in the future.")
    case.investigation_concluded_on = on
    case.significant_hazard_found = significant_hazard_found
    apply_deadline(case, case_deadline(case))
    officer_acts(case)
    case.save()
    record_event(
        case,
        EventKind.INVESTIGATION_CONCLUDED,
        actor,
        "Investigation concluded: "
        + (
            "a significant hazard was found"
            if significant_hazard_found
            else "no significant hazard"
        ),
        visible=True,
        data={
            "on": on,
            "significant_hazard_found": significant_hazard_found,
            "due_on": case.due_on,
        },
    )
    return case
