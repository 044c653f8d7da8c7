"""Fetching email from an IMAP mailbox (Exchange, Microsoft 365 or any IMAP server), for councils
that cannot forward a mailbox's mail to `receive_mail`: each unseen email is kept through the
same door as received mail, then marked seen on the server."""

from __future__ import annotations

import imaplib
import logging
import re
import ssl
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from opencex.inbox.services import receive_email

logger = logging.getLogger(__name__)

_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')


@dataclass(frozen=True)
class ImapAccount:
    mailbox: str  # the council address whose mail this account holds (from the profile)
    host: str
    port: int
    username: str
    password: str
    folder: str = "INBOX"
    use_ssl: bool = True


class PollingError(Exception):
    """The IMAP server refused or misunderstood us; the next poll tries again."""


def poll_mailbox(account: ImapAccount) -> int:
    """Keep every unseen email in `account`'s folder; returns how many were new to us.

    An email is marked seen only after it is committed to our database, so a crash between the
    two fetches it again next time, where its Message-ID shows it is already kept.
    """
    new = 0
    try:
        with _connect(account) as client:
            _check(client.login(account.username, account.password), "log in")
            _check(client.select(account.folder), f"open the folder {account.folder}")
            data = _check(client.uid("SEARCH", None, "UNSEEN"), "search for unseen mail")
            for uid in data[0].split():
                fetched = _check(client.uid("FETCH", uid, "(INTERNALDATE BODY.PEEK[])"), "fetch")
                raw, arrived = _message_and_arrival(fetched)
                _, created = receive_email(raw=raw, mailbox=account.mailbox, received_at=arrived)
                new += created
                _check(client.uid("STORE", uid, "+FLAGS", "(\\Seen)"), "mark an email seen")
    except imaplib.IMAP4.error as error:
        raise PollingError(f"The IMAP server refused us: {error}") from error
    logger.info("Polled %s: %d new email(s)", account.mailbox, new)
    return new


def _connect(account: ImapAccount) -> imaplib.IMAP4:
    if account.use_ssl:
        return imaplib.IMAP4_SSL(
            account.host, account.port, ssl_context=ssl.create_default_context(), timeout=60
        )
    return imaplib.IMAP4(account.host, account.port, timeout=60)


def _check(response: tuple[str, list], doing: str) -> list:
    status, data = response
    if status != "OK":
        raise PollingError(f"The IMAP server would not {doing}: {status} {data!r}")
    return data


def _message_and_arrival(fetched: list) -> tuple[bytes, datetime]:
    """The raw email and when the mail server received it (INTERNALDATE): the date of receipt."""
    for item in fetched:
        if isinstance(item, tuple):
            envelope, raw = item
            match = _INTERNALDATE.search(envelope)
            if match is None:
                # No arrival time from the server: now is the nearest we know.
                return raw, timezone.now()
            stamp = match[1].decode().strip()
            return raw, datetime.strptime(stamp, "%d-%b-%Y %H:%M:%S %z")
    raise PollingError(f"The IMAP server sent no message: {fetched!r}")
