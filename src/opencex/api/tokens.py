"""Issuing, checking and revoking API tokens; the only code that writes ApiToken rows."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.api import policies
from opencex.api.models import ApiToken

# A recognisable prefix lets secret scanners (and people) spot a leaked OpenCEX token.
TOKEN_PREFIX = "ocx_"  # noqa: S105 - not a secret
_DISPLAY_LENGTH = 12
# Writing last_used_at on every request would make each read a write; a minute is precise enough.
_LAST_USED_PRECISION = timedelta(minutes=1)


class TokenError(ValueError):
    """A token cannot be issued, with a message an administrator can act on."""


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@transaction.atomic
def issue_token(*, actor, user, name: str) -> str:
    """Issue a token for `user` and return it in plain text: the only time it is ever seen."""
    if not policies.can_issue_token(actor):
        raise PermissionDenied("Only administrators can issue API tokens.")
    name = name.strip()
    if not name:
        raise TokenError("Say what the token is for.")
    if not user.is_active:
        raise TokenError("API tokens can only be issued to active accounts.")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        name=name[:100],
        token_hash=hash_token(plain),
        prefix=plain[:_DISPLAY_LENGTH],
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return plain


@transaction.atomic
def revoke_token(*, actor, token: ApiToken) -> ApiToken:
    if not policies.can_revoke_token(actor, token):
        raise PermissionDenied("You cannot revoke this token.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(plain: str):
    """The active account a presented token belongs to, or None if it is unknown or revoked."""
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_token(plain))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= _LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
