"""Who may read messages the platform has sent."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in


def can_read_outbox(actor) -> bool:
    """The development SMS outbox holds residents' phone numbers and case details: staff only."""
    return is_signed_in(actor) and actor.is_council_staff
