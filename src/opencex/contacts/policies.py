"""Who may log contacts and read them."""

from __future__ import annotations


def _is_staff(actor) -> bool:
    return (
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and getattr(actor, "is_council_staff", False)
    )


def can_log_contact(actor) -> bool:
    """Every officer who talks to residents logs what they resolved."""
    return _is_staff(actor)


def can_view_contacts(actor) -> bool:
    return _is_staff(actor)
