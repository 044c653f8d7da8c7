"""Email intake's door: keep each email as it arrives and queue its reading (see reading.py),
so an email the mail server accepted is never lost, whatever happens next; and what an officer
decides for an email held for them or that could not be read, each decision recorded with who
made it and when.

Each officer's action is safe to repeat: the email's row is locked and its status read again, so
a double click neither adds the message twice nor opens two cases, and returns what the first did.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.cases.errors import CaseError
from opencex.cases.models import Case
from opencex.cases.policies import can_add_note
from opencex.inbox import policies
from opencex.inbox.models import (
    WAITING_FOR_AN_OFFICER,
    InboundEmail,
    InboundStatus,
    OfficerAction,
    OfficerActionKind,
)
from opencex.inbox.parsing import message_id_of, read_email
from opencex.inbox.reading import add_email_to_case, open_case_from_email
from opencex.inbox.tasks import read_email_into_case
from opencex.jobs.queue import enqueue

logger = logging.getLogger(__name__)


class InboxError(Exception):
    """An officer's decision about an email that cannot be carried out, said so they can act."""


@transaction.atomic
def receive_email(
    *, raw: bytes, mailbox: str, received_at: datetime, envelope_sender: str = ""
) -> tuple[InboundEmail, bool]:
    """Keep an email that reached `mailbox` at `received_at`, and queue its reading in the same
    transaction. Returns (email, created): the same email twice is kept, and read, once."""
    read = read_email(raw, envelope_sender=envelope_sender)
    inbound, created = InboundEmail.objects.get_or_create(
        message_id=message_id_of(raw),
        defaults={
            "mailbox": mailbox.strip().lower(),
            "envelope_sender": envelope_sender[:500],
            "sender": read.sender_address[:500],
            "subject": read.subject[:500],
            "raw": raw,
            "received_at": received_at,
        },
    )
    if created:
        enqueue(read_email_into_case, inbound.pk)
    return inbound, created


def _locked_for(actor, email: InboundEmail) -> InboundEmail:
    email = (
        InboundEmail.objects.select_for_update(of=("self",)).select_related("case").get(pk=email.pk)
    )
    if not policies.can_view_inbound_email(actor, email):
        raise PermissionDenied("You cannot act on this email.")
    return email


def _check_waiting(email: InboundEmail) -> None:
    if email.status not in WAITING_FOR_AN_OFFICER:
        raise InboxError(
            f"This email has already been dealt with: {InboundStatus(email.status).label}."
        )


def _decide(
    email: InboundEmail,
    *,
    actor,
    kind: str,
    status: str,
    note: str,
    case: Case | None = None,
    reason: str = "",
) -> InboundEmail:
    email.status = status
    email.note = note[:500]
    email.case = case if case is not None else email.case
    email.processed_at = timezone.now()
    email.save(update_fields=["status", "note", "case", "processed_at"])
    OfficerAction.objects.create(email=email, kind=kind, actor=actor, case=case, reason=reason)
    logger.info("Email %s: %s by officer %s", email.pk, OfficerActionKind(kind).label, actor.pk)
    return email


@transaction.atomic
def add_to_case(*, actor, email: InboundEmail, case: Case) -> InboundEmail:
    """Add a held or unread email to `case` as a message from the resident, with its files."""
    email = _locked_for(actor, email)
    if email.status == InboundStatus.ADDED_TO_CASE and email.case_id == case.pk:
        return email  # a second click: it is there already
    _check_waiting(email)
    if not can_add_note(actor, case):
        raise PermissionDenied("You cannot add to this case.")
    read = read_email(bytes(email.raw), envelope_sender=email.envelope_sender)
    add_email_to_case(read, case=case, actor=actor)
    return _decide(
        email,
        actor=actor,
        kind=OfficerActionKind.ADDED_TO_CASE,
        status=InboundStatus.ADDED_TO_CASE,
        note=f"Added to {case.reference} by an officer",
        case=case,
    )


@transaction.atomic
def open_case_from(*, actor, email: InboundEmail, kind: str) -> Case:
    """Open a case of `kind` from a held or unread email, received when the email arrived."""
    email = _locked_for(actor, email)
    if email.status == InboundStatus.CASE_OPENED and email.case is not None:
        if email.case.kind == kind:
            return email.case  # a second click: the case is open already
        raise InboxError(f"This email has already opened {email.case.reference}.")
    _check_waiting(email)
    if kind not in policies.kinds_to_open_from_email(actor):
        raise PermissionDenied("You cannot open this kind of case from an email.")
    read = read_email(bytes(email.raw), envelope_sender=email.envelope_sender)
    try:
        case, _ = open_case_from_email(email, read, actor=actor, kind=kind)
    except CaseError as refusal:
        raise InboxError(str(refusal)) from refusal
    _decide(
        email,
        actor=actor,
        kind=OfficerActionKind.CASE_OPENED,
        status=InboundStatus.CASE_OPENED,
        note=f"Opened {case.reference} by an officer",
        case=case,
    )
    return case


@transaction.atomic
def read_again(*, actor, email: InboundEmail) -> InboundEmail:
    """Queue an email that could not be read to be read again (once its cause is mended), with
    the usual retries."""
    email = _locked_for(actor, email)
    if email.status == InboundStatus.RECEIVED and email.actions.exists():
        return email  # a second click: it is queued already
    _check_waiting(email)
    if email.status != InboundStatus.FAILED:
        raise InboxError("Only an email that could not be read can be read again.")
    _decide(
        email,
        actor=actor,
        kind=OfficerActionKind.READ_AGAIN,
        status=InboundStatus.RECEIVED,
        note="Sent to be read again by an officer",
    )
    enqueue(read_email_into_case, email.pk)
    return email


@transaction.atomic
def set_aside_as_not_a_request(*, actor, email: InboundEmail, reason: str) -> InboundEmail:
    """Record that a held or unread email is not a request (spam, sent to us by mistake). The
    email is kept as it arrived; only its status and the officer's reason change."""
    email = _locked_for(actor, email)
    if email.status == InboundStatus.NOT_A_REQUEST:
        return email  # a second click
    _check_waiting(email)
    if not reason.strip():
        raise InboxError("Say why this email is not a request.")
    return _decide(
        email,
        actor=actor,
        kind=OfficerActionKind.NOT_A_REQUEST,
        status=InboundStatus.NOT_A_REQUEST,
        note=f"Not a request: {reason.strip()}",
        reason=reason.strip(),
    )
