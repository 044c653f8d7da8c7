"""Notes for staff, messages to the resident, and replies coming back (`receive_clarification`:
the one way a resident's reply, on the tracking page, by email or logged by an officer, ends a
wait for their clarification)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.cases import policies
from opencex.cases.actions.clock import record_resumption
from opencex.cases.actions.core import (
    System,
    locked,
    proof_of,
    require,
    save_that_officer_acted,
)
from opencex.cases.errors import CaseError
from opencex.cases.models import (
    Case,
    CaseEvent,
    Channel,
    EventKind,
    PauseReason,
)
from opencex.cases.timeline import record_event
from opencex.clocks.calendars import received_on as date_of_receipt
from opencex.clocks.wording import long_date
from opencex.notify.services import notify_resident, notify_staff


@transaction.atomic
def add_note(*, actor, case: Case, body: str) -> CaseEvent:
    """An internal note: staff only, never shown to the resident. A note by an officer handling
    the case means they have read any new reply."""
    case = locked(case)
    require(policies.can_add_note(actor, case), "You cannot add notes to this case.")
    if not body.strip():
        raise CaseError("Write the note.")
    if policies.can_handle_case(actor, case):
        save_that_officer_acted(case)
    return record_event(case, EventKind.NOTE, actor, "Note added", body=body)


@transaction.atomic
def send_message(*, actor, case: Case, body: str) -> CaseEvent:
    """A message from the council to the resident: on their timeline and sent to them."""
    case = locked(case)
    require(policies.can_handle_case(actor, case), "You cannot message about this case.")
    if not body.strip():
        raise CaseError("Write the message.")
    save_that_officer_acted(case)
    event = record_event(
        case, EventKind.MESSAGE_OUT, actor, "Message sent", body=body, visible=True
    )
    notify_resident(
        case=case, template="message_to_resident", extra_context={"message": body}, actor=actor
    )
    return event


@transaction.atomic
def receive_message(
    *,
    actor,
    case: Case,
    body: str,
    channel: str = Channel.WEB,
    grant: policies.ReferenceGrant | None = None,
    given_on: date | None = None,
) -> CaseEvent:
    """A message from the resident (their reply on the tracking page, or logged by staff, with
    the day they gave it: `given_on`).

    The case shows it as a new reply, and its officer (or, with none, the team's officers) is
    told by email, unless the officer logging it is the one assigned: they have it already."""
    case = locked(case)
    resident_acts = policies.can_act_as_resident_on(actor, case, grant)
    if not (resident_acts or policies.can_add_note(actor, case)):
        raise PermissionDenied("You cannot add a message to this case.")
    if not body.strip():
        raise CaseError("Write your message.")
    event = record_event(
        case,
        EventKind.MESSAGE_IN,
        actor,
        f"Message from the resident ({Channel(channel).label.lower()})",
        body=body,
        visible=True,
        data={
            "channel": channel,
            **({"given_on": given_on} if given_on is not None else {}),
            **proof_of(actor, grant),
        },
    )
    logged_by = account_or_none(actor)
    if logged_by is None or case.assigned_to_id != logged_by.pk:
        case.new_reply_at = event.at
        case.save(update_fields=["new_reply_at", "updated_at"])
        _tell_officers_about_reply(case=case, actor=actor, channel=channel)
    return event


@transaction.atomic
def receive_clarification(
    *,
    actor,
    case: Case,
    body: str,
    channel: str = Channel.WEB,
    grant: policies.ReferenceGrant | None = None,
    arrived_at: datetime | None = None,
    given_on: date | None = None,
) -> CaseEvent:
    """The resident's reply, by any door: recorded as their message and, when the council is
    waiting for their clarification, taken as it. The clock resumes (or restarts, for FOI and
    EIR: FOIA s1(3), EIR reg 9) from the day the reply was given, however late it is read.

    - On the tracking page (`arrived_at` and `given_on` None) the resident resumes the clock,
      today.
    - By email (`arrived_at`: its arrival at the mail server) the `System` resumes it on that
      day, which is the mail server's record, not anyone's word; a reply that arrived before the
      council asked cannot be the answer, so it leaves the clock stopped.
    - Logged by an officer (a reply by phone, letter or face to face; `given_on`, today if
      None) the officer records it on the day the resident gave it: not a day still to come, nor
      one before the council asked."""
    case = locked(case)
    resident_acts = policies.can_act_as_resident_on(actor, case, grant)
    if given_on is not None and resident_acts:
        raise CaseError("The reply is dated the day it arrives.")
    logged = not resident_acts and account_or_none(actor) is not None
    today = timezone.localdate()
    pause = policies.open_pause_of(case)
    waiting = pause is not None and pause.reason == PauseReason.CLARIFICATION
    if logged:
        given_on = given_on or today
        _check_day_given(
            case=case, given_on=given_on, today=today, pause=pause if waiting else None
        )
    event = receive_message(
        actor=actor, case=case, body=body, channel=channel, grant=grant, given_on=given_on
    )
    if not waiting:
        return event
    if logged:
        record_resumption(actor=actor, case=case, on=given_on, reply_recorded=True)
    elif arrived_at is None:
        record_resumption(actor=actor, case=case, grant=grant)
    elif (arrived_on := date_of_receipt(arrived_at)) >= pause.started_on:
        because = (
            f"the requester's clarification arrived by {Channel(channel).label.lower()} on "
            f"{long_date(arrived_on)}"
        )
        record_resumption(actor=System(because=because), case=case, on=arrived_on)
    return event


def _check_day_given(*, case: Case, given_on: date, today: date, pause) -> None:
    """The day an officer says the resident replied: a day that has come, and for a reply that
    ends a wait for clarification, not before the council asked."""
    if given_on > today:
        raise CaseError("The day the resident replied cannot be in the future.")
    if pause is not None and given_on < pause.started_on:
        raise CaseError(
            f"We asked the resident for clarification on {long_date(pause.started_on)}: "
            "their reply cannot be dated before that."
        )
    if given_on < case.received_on:
        raise CaseError(
            f"The case was received on {long_date(case.received_on)}: the reply cannot be "
            "dated before that."
        )


def _tell_officers_about_reply(*, case: Case, actor, channel: str) -> None:
    if case.assigned_to is not None:
        officers = [case.assigned_to]
    elif case.team is not None:
        officers = [
            member
            for member in case.team.members.filter(is_active=True).order_by("pk")
            if policies.can_handle_case(member, case)
        ]
    else:
        officers = []
    logged_by = account_or_none(actor)
    for officer in officers:
        if logged_by is None or officer.pk != logged_by.pk:
            notify_staff(
                user=officer,
                template="staff_resident_replied",
                context={"case": case, "channel": Channel(channel).label.lower()},
                actor=logged_by,
            )
