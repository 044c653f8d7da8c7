"""The interface every delivery adapter offers, and the errors it raises."""

from __future__ import annotations

from typing import ClassVar, Protocol


class DeliveryError(Exception):
    """The message was not delivered this time; trying again later may work."""


class DeliveryRejected(DeliveryError):
    """The provider refused the message (a bad address, a bad key); trying again will not help."""


class Adapter(Protocol):
    name: ClassVar[str]
    channels: ClassVar[frozenset[str]]
    # Can we ask the provider whether it already accepted a message, by our reference? Where we
    # can, a send whose outcome was lost (the worker died) is checked before it is sent again.
    can_find_sent: ClassVar[bool]

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
        """Send an email; return the provider's id for it. `reply_to` is where replies should go;
        `message_id` is the Message-ID to send it with where the provider lets us choose it."""
        ...

    def send_sms(self, to: str, body: str, reference: str) -> str:
        """Send a text message; return the provider's id for it."""
        ...

    def find_sent(self, reference: str) -> str | None:
        """The provider's id for the message it accepted under our `reference`, or None if it
        accepted none. Only asked of adapters whose `can_find_sent` is true."""
        ...
