"""Emails as residents' mail programs write them, for the intake tests."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def compose(
    *,
    to: str = "foi@oxford.gov.uk",
    sender: str = "Priya Shah <priya@example.org>",
    subject: str = "Parking fines issued in 2024",
    text: str | None = "How many parking fines did the council issue in 2024?",
    html: str | None = None,
    files: tuple[tuple[str, bytes, str], ...] = (),
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """An email as a resident's mail program would write it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="example.org")
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, content, content_type in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message
