"""Email intake's door: keep each email as it arrives and queue its reading (see reading.py),
so an email the mail server accepted is never lost, whatever happens next."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from opencex.inbox.models import InboundEmail
from opencex.inbox.parsing import message_id_of, read_email
from opencex.inbox.tasks import read_email_into_case
from opencex.jobs.queue import enqueue


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
