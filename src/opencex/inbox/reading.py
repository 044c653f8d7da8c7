"""Reading a kept email into a new case or onto the case it continues; an email we cannot place
safely is held for an officer, and one a machine sent is recorded and left alone."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.cases.actions.messages import receive_clarification, receive_message
from opencex.cases.actions.opening import open_case
from opencex.cases.attachments import AttachmentRejected, add_attachment, check_upload
from opencex.cases.models import Case, Channel, EventKind
from opencex.cases.policies import ReferenceGrant, grant_holds
from opencex.cases.timeline import record_event
from opencex.catalogue.models import Service
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.inbox.parsing import EmailFile, ReadEmail, read_email
from opencex.inbox.plain_text import without_quoted_reply
from opencex.inbox.threads import (
    Continuation,
    case_continued_by,
    request_site_answers,
    request_site_of,
)

logger = logging.getLogger(__name__)

# The account recorded as having logged emailed requests: the email channel's "officer". It has
# no usable password and an address that cannot receive mail, so nobody can sign in as it.
INTAKE_ACCOUNT_EMAIL = "email-intake@opencex.invalid"
NO_TEXT = "(The email had no text.)"


def intake_account() -> User:
    account = User.objects.filter(email=INTAKE_ACCOUNT_EMAIL).first()
    if account is None:
        account = User.objects.create_user(
            INTAKE_ACCOUNT_EMAIL, full_name="Email intake", role=Role.CONTACT_CENTRE
        )
    return account


def read_inbound_email(*, inbound_email_id: int, is_last_attempt: bool = True) -> InboundEmail:
    """Read a kept email into its case. Reading it again does nothing. A failure is recorded on
    the row and raised again for the job to retry; after the last attempt it is marked failed."""
    rows = InboundEmail.objects.filter(pk=inbound_email_id)
    try:
        inbound = _read(inbound_email_id)
    except Exception as error:
        rows.update(
            attempts=F("attempts") + 1,
            error=repr(error),
            status=InboundStatus.FAILED if is_last_attempt else InboundStatus.RECEIVED,
        )
        raise
    return inbound


@transaction.atomic
def _read(inbound_email_id: int) -> InboundEmail:
    inbound = InboundEmail.objects.select_for_update().get(pk=inbound_email_id)
    if inbound.status != InboundStatus.RECEIVED:
        return inbound
    email = read_email(bytes(inbound.raw), envelope_sender=inbound.envelope_sender)
    if email.automatic_because:
        return _finish(
            inbound, InboundStatus.IGNORED, f"Sent automatically: {email.automatic_because}"
        )
    if email.sender_address == parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower():
        return _finish(inbound, InboundStatus.IGNORED, "Sent by OpenCEX itself (a mail loop)")
    if "@" not in email.sender_address:
        return _finish(inbound, InboundStatus.HELD, "It has no sender address to reply to.")
    continuation = case_continued_by(email)
    if continuation is not None:
        return _add_to_case(inbound, email, continuation)
    return _open_case(inbound, email)


def _add_to_case(
    inbound: InboundEmail, email: ReadEmail, continuation: Continuation
) -> InboundEmail:
    case = continuation.case
    # Knowing the thread or the reference is not enough: as on the tracking page, the sender must
    # also be the address the request came from, or anyone could write onto someone's case.
    grant = ReferenceGrant(case_id=case.pk, email=email.sender_address)
    if not grant_holds(grant, case):
        return _finish(
            inbound,
            InboundStatus.HELD,
            f"Looks like part of {case.reference} ({continuation.because}) but came from "
            f"{email.sender_address}, not from the address on the case.",
            case=case,
        )
    add_email_to_case(email, case=case, actor=None, grant=grant, arrived_at=inbound.received_at)
    return _finish(inbound, InboundStatus.ADDED_TO_CASE, continuation.because, case=case)


def _open_case(inbound: InboundEmail, email: ReadEmail) -> InboundEmail:
    mailbox = settings.COUNCIL_PROFILE.inbox.mailbox(inbound.mailbox)
    if mailbox is None:
        return _finish(
            inbound,
            InboundStatus.HELD,
            f"Sent to {inbound.mailbox}, which the council profile does not list as a mailbox.",
        )
    case, _ = open_case_from_email(inbound, email, actor=intake_account(), kind=mailbox.kind)
    return _finish(inbound, InboundStatus.CASE_OPENED, f"Opened {case.reference}", case=case)


def add_email_to_case(
    email: ReadEmail, *, case: Case, actor, grant=None, arrived_at: datetime | None = None
) -> None:
    """The email's own words as a message from the resident on `case`, with its files. From the
    proven sender (`grant`: the address on the case) it is their reply, which ends a wait for
    their clarification from the day it arrived, as a reply on the tracking page does
    (`receive_clarification`). Without a `grant` (an officer chose the case) the message says
    who sent it, and the officer decides what it answers."""
    text = without_quoted_reply(email.text) or NO_TEXT
    body = f"{email.subject}\n\n{text}" if email.subject else text
    if grant is None:
        body = f"From: {email.sender_address or 'an unknown sender'}\n{body}"
        receive_message(actor=actor, case=case, body=body, channel=Channel.EMAIL)
    else:
        receive_clarification(
            actor=actor,
            case=case,
            body=body,
            channel=Channel.EMAIL,
            grant=grant,
            arrived_at=arrived_at,
        )
    refused = []
    for file in email.files:
        try:
            add_attachment(actor=actor, case=case, upload=_upload(file), grant=grant)
        except AttachmentRejected as reason:
            refused.append((file.name, str(reason)))
    _note_refused_files(case, refused)


def submission_key_for(inbound: InboundEmail) -> str:
    """The one key for a case opened from this email, whoever opens it, so it opens only one.
    Hashed because a Message-ID may be longer than the 200 characters a key may have."""
    return "email:" + hashlib.sha256(inbound.message_id.encode()).hexdigest()


def open_case_from_email(
    inbound: InboundEmail, email: ReadEmail, *, actor, kind: str
) -> tuple[Case, bool]:
    """A case of `kind` on the email channel, dated by the email's arrival so the statutory
    clocks count from the day the council received it, whenever it is opened."""
    mailbox = settings.COUNCIL_PROFILE.inbox.mailbox(inbound.mailbox)
    answers = {"email_mailbox": inbound.mailbox}
    title = ""
    site = request_site_of(email)
    if site is not None:
        answers |= request_site_answers(site)
        title = site.site.title_in(email.subject) or ""
    accepted, refused = _sort_files(email.files)
    service = None
    # The mailbox's service fits only the kind the mailbox is for.
    if mailbox is not None and mailbox.service and mailbox.kind == kind:
        service = Service.objects.filter(slug=mailbox.service).first()
        if service is None:
            logger.warning("Mailbox %s names unknown service %r", mailbox.address, mailbox.service)
    case, created = open_case(
        actor=actor,
        kind=kind,
        channel=Channel.EMAIL,
        subject=(title or email.subject_without_prefixes or _first_words(email.text))[:200],
        description=email.text or NO_TEXT,
        contact_name=(email.sender_name or email.sender_address or "Unknown sender")[:200],
        contact_email=email.sender_address if "@" in email.sender_address else "",
        service=service,
        answers=answers,
        received_at=inbound.received_at,
        submission_key=submission_key_for(inbound),
        uploads=accepted,
    )
    if created:
        _note_refused_files(case, refused)
    return case, created


def _upload(file: EmailFile) -> SimpleUploadedFile:
    return SimpleUploadedFile(file.name, file.content)


def _sort_files(files) -> tuple[list[SimpleUploadedFile], list[tuple[str, str]]]:
    accepted, refused = [], []
    for file in files:
        upload = _upload(file)
        try:
            check_upload(upload)
        except AttachmentRejected as reason:
            refused.append((file.name, str(reason)))
        else:
            accepted.append(upload)
    return accepted, refused


def _note_refused_files(case: Case, refused: list[tuple[str, str]]) -> None:
    """Tell the officers which files we would not keep, and why, so none goes missing unseen.
    Written straight to the timeline, as the intake account may not add notes to every kind of
    case (subject access requests are for information governance only)."""
    for name, reason in refused:
        record_event(
            case,
            EventKind.NOTE,
            intake_account(),
            f"Email attachment not accepted: {name[:150]}",
            body=f"{reason} Ask the resident to send it in another format if it is needed.",
            data={"refused_file": name[:200]},
        )


def _first_words(text: str) -> str:
    words = " ".join(text.split())
    return (words[:77] + "...") if len(words) > 80 else (words or "Email with no subject")


def _finish(
    inbound: InboundEmail, status: str, note: str, *, case: Case | None = None
) -> InboundEmail:
    inbound.status = status
    inbound.note = note[:500]
    inbound.case = case
    inbound.error = ""
    inbound.attempts += 1
    inbound.processed_at = timezone.now()
    inbound.save()
    logger.info("Email %s: %s (%s)", inbound.pk, InboundStatus(status).label, note)
    return inbound
