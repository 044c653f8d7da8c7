"""Email through Django's mail backends: an SMTP relay in production, files in development."""

from __future__ import annotations

import contextlib
import functools
import smtplib
import threading
import time
from email.utils import make_msgid, parseaddr
from typing import ClassVar

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SmtpEmailBackend
from django.utils.crypto import salted_hmac

from opencex.notify.adapters.base import DeliveryError, DeliveryRejected


def _domain() -> str | None:
    return _domain_of(settings.DEFAULT_FROM_EMAIL)


@functools.lru_cache(maxsize=8)
def _domain_of(from_email: str) -> str | None:
    # Parsed once per address rather than for every message (a noticeable part of a send).
    return parseaddr(from_email)[1].rpartition("@")[2] or None


def stable_message_id(reference: str) -> str:
    """The Message-ID for the message with this unique `reference`, the same on every attempt:
    a reply quotes it (In-Reply-To), which is how the reply finds its case, so an attempt that
    reached the resident although it seemed to fail must not leave a Message-ID we do not know.
    Keyed with the secret so that nobody can work out the Message-ID of another resident's email.
    """
    signature = salted_hmac("opencex.notify.message-id", reference).hexdigest()[:20]
    return f"<{reference}.{signature}@{_domain() or 'opencex.invalid'}>"


# A relay drops a quiet connection after a while (Postfix: 300 s); we reopen well before that.
IDLE_SECONDS = 30
# Without a timeout a hung relay would hold a send for ever, past the send lease (notify.delivery).
DEFAULT_TIMEOUT_SECONDS = 30


class _OpenConnection(threading.local):
    """Each worker thread's open connection to the relay, kept between messages.

    Opening one costs a TCP handshake, EHLO, often STARTTLS and AUTH: on loopback that was most of
    the time per message, and against a real relay over TLS it is more. The connection is keyed by
    the settings it was opened with (tests point mail at a new server each time)."""

    backend: BaseEmailBackend | None = None
    settings_key: tuple = ()
    last_used: float = 0.0


_open = _OpenConnection()


def _settings_key() -> tuple:
    return (
        settings.EMAIL_BACKEND,
        settings.EMAIL_HOST,
        settings.EMAIL_PORT,
        settings.EMAIL_HOST_USER,
        settings.EMAIL_USE_TLS,
        getattr(settings, "EMAIL_USE_SSL", False),
    )


def _connection() -> tuple[BaseEmailBackend, bool]:
    """The mail backend to send with, and whether it is kept open between messages (only the
    SMTP backend is: the file backend writes one file per connection, so it gets a fresh one)."""
    key = _settings_key()
    if _open.backend is not None and (
        _open.settings_key != key or time.monotonic() - _open.last_used > IDLE_SECONDS
    ):
        drop_connection()
    if _open.backend is not None:
        return _open.backend, True
    backend = get_connection(fail_silently=False)
    if not isinstance(backend, SmtpEmailBackend):
        return backend, False
    if backend.timeout is None:
        backend.timeout = DEFAULT_TIMEOUT_SECONDS
    backend.open()
    _open.backend, _open.settings_key = backend, key
    return backend, True


def drop_connection() -> None:
    """Close this thread's kept connection, quietly: it may be broken already."""
    backend, _open.backend = _open.backend, None
    if backend is not None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            backend.close()


class SmtpAdapter:
    name: ClassVar[str] = "smtp"
    channels: ClassVar[frozenset[str]] = frozenset({"email"})
    # SMTP gives no way to ask whether a relay accepted a message earlier.
    can_find_sent: ClassVar[bool] = False

    def send_email(
        self,
        to: str,
        subject: str,
        body: str,
        reference: str,
        *,
        reply_to: str = "",
        message_id: str = "",
    ) -> str:
        # We set the Message-ID ourselves so that it can be the provider reference we keep.
        message_id = message_id or make_msgid(idstring=reference, domain=_domain())
        try:
            connection, is_kept = _connection()
            message = EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[to],
                reply_to=[reply_to] if reply_to else None,
                headers={"Message-ID": message_id},
                connection=connection,
            )
            message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            drop_connection()
            raise DeliveryRejected(f"The mail server refused the address: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            drop_connection()
            raise DeliveryError(f"Could not send through the mail server: {error!r}") from error
        if is_kept:
            _open.last_used = time.monotonic()
        return message_id

    def send_sms(self, to: str, body: str, reference: str) -> str:
        raise DeliveryRejected("The SMTP adapter cannot send text messages.")

    def find_sent(self, reference: str) -> str | None:
        raise NotImplementedError("A mail relay cannot say what it accepted earlier.")
