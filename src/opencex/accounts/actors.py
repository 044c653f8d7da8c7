"""Who is acting: the one place that turns a request's user (maybe anonymous) into an account."""

from __future__ import annotations


def is_signed_in(actor) -> bool:
    """A signed-in, active account (not None, not Django's AnonymousUser)."""
    return actor is not None and actor.is_authenticated and actor.is_active


def account_or_none(actor):
    """The account to record as having done something, or None for an anonymous resident."""
    return actor if actor is not None and actor.is_authenticated else None
