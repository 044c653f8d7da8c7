"""Email through Django's mail backends: an SMTP relay in production, files in development."""

from __future__ import annotations

import smtplib
from email.utils import make_msgid, parseaddr
from typing import ClassVar

from django.conf import settings
from django.core.mail import EmailMessage

from opencex.notify.adapters.base import DeliveryError, DeliveryRejected


class SmtpAdapter:
    name: ClassVar[str] = "smtp"
    channels: ClassVar[frozenset[str]] = frozenset({"email"})

    def send_email(self, to: str, subject: str, body: str, reference: str) -> str:
        # We set the Message-ID ourselves so that it can be the provider reference we keep.
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or None
        message_id = make_msgid(idstring=reference, domain=domain)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
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
