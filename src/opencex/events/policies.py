"""Who may administer subscriptions and dead letters, and who may pull events."""

from __future__ import annotations

from dataclasses import dataclass

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role


@dataclass(frozen=True)
class Operator:
    """Someone at the server's command line (`opencex replay_events`): they already hold the
    database's keys, so the policy lets them do what an administrator may."""

    because: str


def can_administer_subscriptions(actor) -> bool:
    """Make, change, replay and retry subscriptions: administrators, and the operator."""
    if isinstance(actor, Operator):
        return True
    return is_signed_in(actor) and actor.role == Role.ADMINISTRATOR


def can_pull_events(actor) -> bool:
    """Read events from GET /api/v1/events: a partner system with an active subscription."""
    return (
        is_signed_in(actor)
        and actor.role == Role.PARTNER
        and actor.event_subscriptions.filter(is_active=True).exists()
    )
