"""Who may issue and revoke API tokens."""

from __future__ import annotations

from opencex.accounts.models import Role


class _ServerOperator:
    """Whoever runs a management command on the server: they already hold its secrets."""

    is_authenticated = False

    def __repr__(self) -> str:
        return "SERVER_OPERATOR"


SERVER_OPERATOR = _ServerOperator()


def _is_administrator(actor) -> bool:
    return (
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.role == Role.ADMINISTRATOR
    )


def can_issue_token(actor) -> bool:
    return actor is SERVER_OPERATOR or _is_administrator(actor)


def can_revoke_token(actor, token) -> bool:
    """Administrators revoke any token; an account may revoke its own (e.g. when it leaks)."""
    if can_issue_token(actor):
        return True
    return actor is not None and actor.is_authenticated and token.user_id == actor.pk
