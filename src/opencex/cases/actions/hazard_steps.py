"""Hazards in council homes (Awaab's Law), the steps after the investigation: the tenant given
the written summary of the findings, the home made safe (or, for an emergency, alternative
accommodation offered instead), and the further work begun.

Each step's due date is the clocks' (`opencex.cases.hazard_steps`); these acts record when the
step was done, whatever the date: a step done late is recorded late and shown late, never left
out. `policies.available_actions` offers each only while it applies.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import models, transaction
from django.utils import timezone

from opencex.cases import policies
from opencex.cases.actions.core import locked, officer_acts, require, require_available
from opencex.cases.actions.messages import send_message
from opencex.cases.clock import apply_deadline, became_aware_at, case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.hazard_steps import StepName, step_of
from opencex.cases.models import Case, EventKind, HazardClass
from opencex.cases.timeline import record_event
from opencex.clocks.wording import long_date
from opencex.notify.services import notify_resident

DELAY_REASON_LENGTH: int = Case._meta.get_field("further_work_delay_reason").max_length or 0


class SummaryGivenBy(models.TextChoices):
    """How the tenant was given the written summary of the investigation's findings."""

    LETTER = "letter", "By letter"
    EMAIL = "email", "By email"
    PORTAL = "portal", "As a message on their repair, online"


@transaction.atomic
def record_summary_given(
    *,
    actor,
    case: Case,
    given_on: date,
    given_by: str,
    summary: str = "",
) -> Case:
    """The tenant was given the written summary of the investigation's findings on `given_on`,
    `given_by` letter, email or the portal. `summary`, the words they were given, is sent to
    them as a message on the case (the one messages action), so it is on their timeline; a
    summary given on the portal is that message, so it needs the words."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot record this summary.")
    require_available(actor, case, "summary")
    try:
        given_by = SummaryGivenBy(given_by)
    except ValueError:
        raise CaseError("Choose how the tenant was given the written summary.") from None
    if given_by == SummaryGivenBy.PORTAL and not summary.strip():
        raise CaseError("Write the summary: on the portal it reaches the tenant as a message.")
    assert case.investigation_concluded_on is not None  # the policy offers it only then
    if given_on < case.investigation_concluded_on:
        raise CaseError("The summary cannot be given before the investigation concluded.")
    if given_on > timezone.localdate():
        raise CaseError("The summary cannot have been given in the future.")
    case.summary_given_on = given_on
    apply_deadline(case, case_deadline(case))  # the next step the law dates, if any
    officer_acts(case)
    case.save()
    step = _step(case, StepName.SUMMARY)
    record_event(
        case,
        EventKind.SUMMARY_GIVEN,
        actor,
        f"Written summary of the findings given {given_by.label.lower()}"
        + (" (late)" if step.is_late() else ""),
        body=f"Given on {long_date(given_on)}; it was due by {long_date(step.due_on)}.",
        visible=True,
        data={"on": given_on, "by": given_by, "due_on": step.due_on, "late": step.is_late()},
    )
    if summary.strip():
        send_message(actor=actor, case=case, body=summary)
    return case


@transaction.atomic
def record_made_safe(
    *,
    actor,
    case: Case,
    at: datetime,
    alternative_accommodation: bool = False,
) -> Case:
    """The home was made safe at `at`; or, for an emergency hazard that could not be made safe
    in time, the tenant was offered suitable alternative accommodation then
    (`alternative_accommodation`), which the law accepts within the same 24 hours. The tenant is
    told."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot record this safety work.")
    require_available(actor, case, "made-safe")
    if alternative_accommodation and case.hazard_class != HazardClass.EMERGENCY:
        raise CaseError(
            "Alternative accommodation instead of making safe is for an emergency hazard only."
        )
    if at.tzinfo is None:
        raise CaseError("Give the time the home was made safe with its time zone.")
    if at > timezone.now():
        raise CaseError("The home cannot have been made safe in the future.")
    if at < became_aware_at(case):
        raise CaseError("The home cannot have been made safe before the council knew of it.")
    case.made_safe_at = at
    case.alternative_accommodation_offered = alternative_accommodation
    apply_deadline(case, case_deadline(case))  # the next step the law dates, if any
    officer_acts(case)
    case.save()
    step = _step(case, StepName.MADE_SAFE)
    what = "Alternative accommodation offered" if alternative_accommodation else "Home made safe"
    local = timezone.localtime(at)
    due = (
        f"{timezone.localtime(step.due_at):%H:%M} on {long_date(step.due_on)}"
        if step.due_at
        else long_date(step.due_on)
    )
    record_event(
        case,
        EventKind.MADE_SAFE,
        actor,
        what + (" (late)" if step.is_late() else ""),
        body=f"{what} at {local:%H:%M} on {long_date(local.date())}; it was due by {due}.",
        visible=True,
        data={
            "made_safe_at": at,
            "alternative_accommodation": alternative_accommodation,
            "due_on": step.due_on,
            "due_at": step.due_at,
            "late": step.is_late(),
        },
    )
    notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


@transaction.atomic
def record_further_work_begun(
    *,
    actor,
    case: Case,
    began_on: date,
    delay_reason: str = "",
) -> Case:
    """The further work a significant hazard needs began on `began_on`. The law gives 5 working
    days from the investigation concluding; where that was not possible, 12 weeks, and
    `delay_reason` says why (the tenant is told it). The tenant is told."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot record this further work.")
    require_available(actor, case, "further-work")
    delay_reason = delay_reason.strip()
    if len(delay_reason) > DELAY_REASON_LENGTH:
        raise CaseError(f"Say why in {DELAY_REASON_LENGTH} characters or fewer.")
    assert case.investigation_concluded_on is not None  # the policy offers it only then
    if began_on < case.investigation_concluded_on:
        raise CaseError("Further work cannot begin before the investigation concluded.")
    if began_on > timezone.localdate():
        raise CaseError("The further work cannot have begun in the future.")
    case.further_work_began_on = began_on
    case.further_work_delay_reason = delay_reason
    apply_deadline(case, case_deadline(case))  # the next step the law dates, if any
    officer_acts(case)
    case.save()
    step = _step(case, StepName.FURTHER_WORK)
    route = "within 12 weeks" if step.twelve_week_route else "within 5 working days"
    body = f"Begun on {long_date(began_on)}; it was due {route}, by {long_date(step.due_on)}."
    if delay_reason:
        body += f" It could not begin within 5 working days: {delay_reason}"
    record_event(
        case,
        EventKind.FURTHER_WORK_BEGUN,
        actor,
        "Further work begun" + (" (late)" if step.is_late() else ""),
        body=body,
        visible=True,
        data={
            "on": began_on,
            "twelve_week_route": step.twelve_week_route,
            "due_on": step.due_on,
            "late": step.is_late(),
        },
    )
    notify_resident(case=case, template="case_status_changed", actor=actor)
    return case


def _step(case: Case, name: StepName):
    step = step_of(case, name)
    # Offered only once its clock runs, so the step and its date are there.
    assert step is not None
    assert step.due_on is not None
    return step
