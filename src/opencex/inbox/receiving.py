"""The council's receiving mail server: takes email over SMTP for the mailboxes in the council
profile, and keeps each one (services.receive_email) before answering 250, so that an email the
sender was told we accepted is already safe in the database."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from opencex.inbox.services import receive_email

logger = logging.getLogger(__name__)

# Larger than the 10MB a single attachment may be, with room for a few and their encoding.
MAX_EMAIL_BYTES = 40 * 1024 * 1024


class MailboxHandler:
    """aiosmtpd's handler: refuses addresses that are not the council's mailboxes (we are no
    relay), and keeps every accepted email. `clock` says when an email arrived."""

    def __init__(self, *, clock: Callable[[], datetime] = timezone.now) -> None:
        self.clock = clock

    async def handle_RCPT(  # noqa: N802 - the name aiosmtpd calls
        self, server, session, envelope, address: str, rcpt_options
    ) -> str:
        if settings.COUNCIL_PROFILE.inbox.mailbox(address) is None:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        arrived = self.clock()
        try:
            await sync_to_async(_keep, thread_sensitive=True)(
                raw=envelope.original_content,
                mailbox=envelope.rcpt_tos[0],
                envelope_sender=envelope.mail_from or "",
                received_at=arrived,
            )
        except Exception:
            logger.exception("Could not keep an email from %s", envelope.mail_from)
            # A temporary failure: the sending server keeps the email and tries again later.
            return "451 4.3.0 Could not store the message; try again later"
        return "250 2.0.0 Message accepted"


def _keep(*, raw: bytes, mailbox: str, envelope_sender: str, received_at: datetime) -> None:
    # Like a web request: a long-running server must not hold a broken or stale connection.
    close_old_connections()
    try:
        inbound, created = receive_email(
            raw=raw, mailbox=mailbox, envelope_sender=envelope_sender, received_at=received_at
        )
        logger.info("%s email %s for %s", "Kept" if created else "Already had", inbound.pk, mailbox)
    finally:
        close_old_connections()


def start_receiving(
    *, host: str, port: int, clock: Callable[[], datetime] = timezone.now
) -> Controller:
    """Start the SMTP server on its own thread; `.stop()` the returned controller to end it."""
    controller = Controller(
        MailboxHandler(clock=clock),
        hostname=host,
        port=port,
        data_size_limit=MAX_EMAIL_BYTES,
        enable_SMTPUTF8=True,
    )
    controller.start()
    return controller
