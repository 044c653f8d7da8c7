"""Who is calling: a partner system's bearer token, a signed-in session, or an anonymous resident.

The three are tried in that order on every endpoint. A token that is presented but not valid is
refused outright (401) rather than treated as anonymous, so a partner with a revoked token finds
out at once. Session callers must send the CSRF token on unsafe methods; anonymous callers carry
no credentials, so there is nothing for a forged request to borrow.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from opencex.accounts.second_factor import is_fully_signed_in
from opencex.api.tokens import user_for_token

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` for partner systems and integrations."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token.strip()) if token.strip() else None
        if user is None:
            raise AuthenticationError(message="The API token is not valid or has been revoked.")
        return user


class SessionAuth(APIKeyCookie):
    """The website's and the staff workspace's Django session, with CSRF on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # CSRF is checked in authenticate, and only for a signed-in session: ninja's default checks
        # every cookie-less anonymous request too, which would refuse the public endpoints.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return None
        if user.is_council_staff and not is_fully_signed_in(user):
            return None  # half-way through the staff sign-in: the second factor is still to come
        if request.method not in _SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, "The CSRF token is missing or wrong. Reload the page and retry.")
        return user


def anonymous(request: HttpRequest) -> Any:
    """The fallback: an anonymous resident. Never the session's user: a session the methods above
    refused (inactive, or staff without the second factor) is nobody here."""
    return AnonymousUser()


AUTH = [ApiTokenAuth(), SessionAuth(), anonymous]


def actor_of(request: HttpRequest):
    """The account behind the request, or None for an anonymous resident (as services expect)."""
    user = getattr(request, "auth", None)
    if user is None or not user.is_authenticated:
        return None
    return user
