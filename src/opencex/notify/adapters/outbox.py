"""Text messages in development: nothing leaves the building; the Notification row is the outbox."""

from __future__ import annotations

from typing import ClassVar

from opencex.notify.models import OUTBOX_ADAPTER


class OutboxAdapter:
    name: ClassVar[str] = OUTBOX_ADAPTER
    channels: ClassVar[frozenset[str]] = frozenset({"email", "sms"})
    # Nothing leaves the building, so "sending" again is always harmless.
    can_find_sent: ClassVar[bool] = True

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
        return f"outbox:{reference}"

    def send_sms(self, to: str, body: str, reference: str) -> str:
        return f"outbox:{reference}"

    def find_sent(self, reference: str) -> str | None:
        return None
