"""Who may read messages the platform has sent."""

from __future__ import annotations


def can_read_outbox(actor) -> bool:
    """The development SMS outbox holds residents' phone numbers and case details: staff only."""
    return actor is not None and actor.is_authenticated and actor.is_council_staff
