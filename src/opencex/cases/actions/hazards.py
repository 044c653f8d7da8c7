"""Hazards in council homes (Awaab's Law): record a hazard and when the council became aware of
it, and record that the investigation concluded, which starts the summary and safety-work clocks.

A web form's answers choose the hazard class when the case opens (`opencex.cases.hazards`); these
are the officer's door for everything else: a hazard reported by phone, email, a complaint or seen
on a visit, a class put right, and the investigation's finding.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import models, transaction
from django.utils import timezone

from opencex.cases import policies
from opencex.cases.actions.core import locked, officer_acts, require, require_available
from opencex.cases.clock import apply_deadline, case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, EventKind, HazardClass
from opencex.cases.timeline import record_event
from opencex.clocks.calendars import received_on
from opencex.clocks.wording import long_date
from opencex.notify.services import notify_resident


class AwareBy(models.TextChoices):
    """How the council became aware of a hazard: Awaab's Law counts from the first of them, by
    any channel."""

    REPORT = "report", "The report on this case, when it was received"
    CALL = "call", "A phone call"
    EMAIL = "email", "An email or a letter"
    VISIT = "visit", "An officer's visit"
    OTHER = "other", "Another way, such as a complaint"


@transaction.atomic
def record_hazard(
    *,
    actor,
    case: Case,
    hazard_class: str,
    became_aware_by: str = AwareBy.REPORT,
    became_aware_at: datetime | None = None,
) -> Case:
    """Put `case` on the clock of `hazard_class`, counted from when the council became aware, and
    tell the tenant the new deadline. A class of "" takes the case off the hazard clocks, back to
    its service standard.

    `became_aware_by` says how: from the report on this case (the clock counts from when it was
    received), or by a call, an email, a visit or another way at `became_aware_at`. That time
    may be earlier than the case was received (a call to the out-of-hours line logged the next
    morning: the clock counts from the call) or later (a visit found mould the report did not
    mention), never in the future. The report itself is never given a later time: a hazard it
    described was known when it arrived, whenever an officer classes it."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot record a hazard on this case.")
    require_available(actor, case, "hazard")
    try:
        hazard_class = HazardClass(hazard_class)
        became_aware_by = AwareBy(became_aware_by)
    except ValueError:
        raise CaseError("Choose the hazard class and how the council became aware.") from None
    if not hazard_class and not case.hazard_class:
        raise CaseError("This repair is not on a hazard clock: choose the hazard class.")
    if became_aware_by == AwareBy.REPORT:
        became_aware_at = None
    elif became_aware_at is None:
        raise CaseError("Give the date and time the council became aware of the hazard.")
    elif became_aware_at.tzinfo is None:
        raise CaseError("Give the time the council became aware with its time zone.")
    elif became_aware_at > timezone.now():
        raise CaseError("The council cannot have become aware in the future.")
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
        body=_how_aware(case, became_aware_by) if hazard_class else "",
        visible=True,
        data={
            "hazard_class": hazard_class,
            "became_aware_by": became_aware_by,
            "became_aware_at": became_aware_at,
            "due_on": case.due_on,
            "due_at": case.due_at,
        },
    )
    notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


def _how_aware(case: Case, by: AwareBy) -> str:
    aware = timezone.localtime(case.became_aware_at or case.received_at)
    return (
        f"The council became aware: {by.label.lower()}, {aware:%H:%M} on {long_date(aware.date())}."
    )


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
    safety work in 5. The tenant is told the date that now holds."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot record this investigation.")
    require_available(actor, case, "investigation")
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
    notify_resident(case=case, template="case_status_changed", actor=actor)
    return case
