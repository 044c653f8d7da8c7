"""Fixtures for email intake: our receiving SMTP server on loopback, and a way to send it mail."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage

import pytest
from django.utils import timezone

from opencex.inbox.receiving import start_receiving
from tests.conftest import free_port


class Receiver:
    """Our own receiving server (opencex.inbox.receiving) on 127.0.0.1, as `receive_mail` runs
    it. `arrives_at` sets when the next emails arrive; None means now."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.arrives_at: datetime | None = None
        self._controller = start_receiving(host=self.host, port=self.port, clock=self._now)

    def _now(self) -> datetime:
        return self.arrives_at or timezone.now()

    def send(self, message: EmailMessage, *, to: str | None = None, sender: str | None = None):
        """Deliver `message` over SMTP as a mail gateway would, to `to` (default: its To)."""
        with smtplib.SMTP(self.host, self.port, timeout=10) as client:
            return client.send_message(
                message,
                from_addr=sender,
                to_addrs=[to] if to else None,
            )

    def stop(self) -> None:
        self._controller.stop()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
