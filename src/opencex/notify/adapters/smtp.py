"""Email through Django's mail backends: an SMTP relay in production, files in development."""

from __future__ import annotations

import smtplib
from email.utils import make_msgid, parseaddr
from typing import ClassVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.crypto import salted_hmac

from opencex.notify.adapters.base import DeliveryError, DeliveryRejected


def _domain() -> str | None:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or None


def stable_message_id(reference: str) -> str:
    """The Message-ID for the message with this unique `reference`, the same on every attempt:
    a reply quotes it (In-Reply-To), which is how the reply finds its case, so an attempt that
    reached the resident although it seemed to fail must not leave a Message-ID we do not know.
    Keyed with the secret so that nobody can work out the Message-ID of another resident's email.
    """
    signature = salted_hmac("opencex.notify.message-id", reference).hexdigest()[:20]
    return f"<{reference}.{signature}@{_domain() or 'opencex.invalid'}>"


class SmtpAdapter:
    name: ClassVar[str] = "smtp"
    channels: ClassVar[frozenset[str]] = frozenset({"email"})

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
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            reply_to=[reply_to] if reply_to else None,
            headers={"Message-ID": message_id},
        )
        try:
            message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryRejected(f"The mail server refused the address: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"Could not send through the mail server: {error!r}") from error
        return message_id

    def send_sms(self, to: str, body: str, reference: str) -> str:
        raise DeliveryRejected("The SMTP adapter cannot send text messages.")
