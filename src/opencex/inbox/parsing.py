"""What an email says, read from its raw bytes: who sent it, about what, its text and files, the
thread it continues, and whether a machine rather than a person sent it."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.utils import parseaddr

from opencex.inbox.plain_text import text_from_html

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_AUTOMATIC_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto-?reply|out of (?:the )?office(?: reply)?|autoresponse)\s*:",
    re.IGNORECASE,
)
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|fw|aw|sv)\s*:\s*)+", re.IGNORECASE)
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
_DAEMONS = frozenset({"mailer-daemon", "postmaster"})


@dataclass(frozen=True)
class EmailFile:
    """A file sent with an email, as it came: nothing about it is trusted yet."""

    name: str
    content: bytes


@dataclass(frozen=True)
class ReadEmail:
    message_id: str
    sender_name: str
    sender_address: str  # lower case
    subject: str
    text: str
    files: tuple[EmailFile, ...]
    thread_ids: tuple[str, ...]  # In-Reply-To, then References: the messages it answers
    automatic_because: str  # why a machine sent it; empty for a person's email

    @property
    def subject_without_prefixes(self) -> str:
        """The subject without "Re:" and "Fwd:"."""
        return _REPLY_PREFIX.sub("", self.subject).strip()


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def message_id_of(raw: bytes) -> str:
    """The email's Message-ID, or one made from its content when it has none, so that the same
    email received twice is recognised either way."""
    found = _MESSAGE_ID.findall(_header(parse(raw), "Message-ID"))
    if found:
        return found[0][:500]
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@opencex.invalid>"


NULL_SENDER = "<>"


def read_email(raw: bytes, *, envelope_sender: str = "") -> ReadEmail:
    """Read `raw`; `envelope_sender` is the SMTP MAIL FROM when known ("<>" for a bounce)."""
    message = parse(raw)
    sender_name, sender_address = _sender(message)
    body = message.get_body(preferencelist=("plain", "html"))
    return ReadEmail(
        message_id=message_id_of(raw),
        sender_name=sender_name,
        sender_address=sender_address,
        subject=" ".join(_header(message, "Subject").split()),
        text=_text_of(body) if body is not None else "",
        files=tuple(_files(message, body)),
        thread_ids=tuple(
            _MESSAGE_ID.findall(_header(message, "In-Reply-To"))
            + _MESSAGE_ID.findall(_header(message, "References"))
        ),
        automatic_because=_automatic_because(message, sender_address, envelope_sender),
    )


def _header(message: Message, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except (ValueError, TypeError, IndexError):
        return ""  # a malformed header must not stop a request being read; the raw is kept


def _sender(message: Message) -> tuple[str, str]:
    name, address = parseaddr(_header(message, "From"))
    return " ".join(name.split()), address.strip().lower()


def _text_of(part: Message) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AttributeError):
        # An unknown or wrong charset: read what we can rather than lose the request.
        content = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    if part.get_content_type() == "text/html":
        return text_from_html(content)
    return content.replace("\r\n", "\n").strip()


def _files(message: Message, body: Message | None):
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        disposition = part.get_content_disposition()
        filename = part.get_filename()
        if disposition != "attachment" and not filename:
            continue  # another rendering of the body (the HTML beside the plain text)
        if disposition == "inline" and part.get("Content-ID"):
            continue  # a picture inside the HTML, such as a logo in a signature
        yield EmailFile(name=filename or "attachment", content=part.get_payload(decode=True) or b"")


def _automatic_because(message: Message, sender: str, envelope_sender: str) -> str:
    """Why this email was sent by a machine (a bounce, an out-of-office reply, a bulk mailing),
    or "" when a person sent it. Answering these would start mail loops."""
    auto_submitted = _header(message, "Auto-Submitted").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    if NULL_SENDER in {envelope_sender.strip(), _header(message, "Return-Path").strip()}:
        return "a bounce (no return address)"
    if sender.partition("@")[0] in _DAEMONS:
        return f"a bounce from {sender}"
    if message.get_content_type() == "multipart/report":
        return "a delivery or read report"
    precedence = _header(message, "Precedence").strip().lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return "an automatic reply (X-Autoreply)"
    if _AUTOMATIC_SUBJECT.match(_header(message, "Subject")):
        return "an automatic reply (its subject says so)"
    return ""
