"""The date a request on a service standard is expected: revised by an officer with a reason,
or counted again when the request is reopened.

The case's due date is the only date a resident is ever told (`cases.clock.case_deadline`
explains it). A service request or enquiry is expected by its service's standard; when the work
will take longer, the officer sets a revised expected date with the reason, the resident is told
once, and the case's due date, the tracking page and every later message name that date.
Statutory clocks (complaints, information requests) move only by their own extension rules, so
they are refused here. A request reopened ("it is not fixed") counts its standard again from the
day it reopens.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from opencex.cases import policies
from opencex.cases.actions.core import locked, officer_acts, refresh_due_date, require
from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.links import tell_followers
from opencex.cases.models import Case, EventKind
from opencex.cases.timeline import record_event
from opencex.clocks.rules import DeadlineKind
from opencex.clocks.wording import long_date
from opencex.council.calendar import council_calendar
from opencex.notify.services import notify_resident

REASON_LENGTH: int = Case._meta.get_field("expected_on_revised_reason").max_length or 0


@transaction.atomic
def revise_expected_date(*, actor, case: Case, expected_on: date, reason: str) -> Case:
    """Set a request's revised expected date, with the reason the resident is told. It becomes
    the case's due date (until the request is reopened or revised again); the resident is sent
    one message saying the new date and why."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot change this case's expected date.")
    refusal = policies.expected_date_refusal(case)
    if refusal is not None:
        raise CaseError(refusal)
    reason = reason.strip()
    if not reason:
        raise CaseError("Give the reason for the new date: the resident is told it.")
    if len(reason) > REASON_LENGTH:
        raise CaseError(f"Keep the reason to {REASON_LENGTH} characters or fewer.")
    if expected_on < timezone.localdate():
        raise CaseError("The expected date cannot be in the past.")
    if not council_calendar().is_working_day(expected_on):
        raise CaseError(f"{long_date(expected_on)} is not a working day: choose another date.")
    if expected_on == case.due_on:
        raise CaseError(f"The expected date is already {long_date(expected_on)}.")
    previous = case.due_on
    case.expected_on_revised = expected_on
    case.expected_on_revised_reason = reason
    officer_acts(case)
    refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.EXPECTED_DATE_REVISED,
        actor,
        f"Expected date revised to {long_date(expected_on)}",
        body=reason,
        visible=True,
        data={"from": previous, "due_on": case.due_on},
    )
    notify_resident(
        case=case,
        template="case_expected_date_revised",
        extra_context={"reason": reason},
        actor=actor,
    )
    tell_followers(case=case, actor=actor, change="expected_date")
    return case


def count_again_from(case: Case, *, on: date) -> None:
    """A resolved or closed request reopened on `on` ("it is not fixed"): its service standard
    counts again from that day, and an officer's earlier revised date no longer holds. Called by
    the status change that reopens it (which has locked the case, and records the event and tells
    the resident the new date); the caller saves. A statutory clock is left as it is."""
    if case_deadline(case).kind != DeadlineKind.SERVICE_STANDARD:
        return
    case.clock_started_on = max(on, case.received_on)
    case.expected_on_revised = None
    case.expected_on_revised_reason = ""
    refresh_due_date(case)
