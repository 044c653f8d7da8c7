"""Notes for staff, messages to the resident, and replies coming back."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from opencex.accounts.actors import account_or_none
from opencex.cases import policies
from opencex.cases.actions.core import (
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
)
from opencex.cases.timeline import record_event
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
) -> CaseEvent:
    """A message from the resident (their reply on the tracking page, or logged by staff).

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
        data={"channel": channel, **proof_of(actor, grant)},
    )
    logged_by = account_or_none(actor)
    if logged_by is None or case.assigned_to_id != logged_by.pk:
        case.new_reply_at = event.at
        case.save(update_fields=["new_reply_at", "updated_at"])
        _tell_officers_about_reply(case=case, actor=actor, channel=channel)
    return event


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
