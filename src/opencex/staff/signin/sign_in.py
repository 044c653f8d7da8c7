"""The steps of a staff sign-in: who is half-way through it, and finishing it."""

from __future__ import annotations

import time

import django_otp
from django.contrib.auth import login
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from opencex.accounts.models import User

PENDING_KEY = "staff_sign_in_pending"
# Long enough to open an authenticator app, short enough that an unattended screen goes stale.
PENDING_SECONDS = 5 * 60


def needs_second_factor(user: User) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def start_second_factor(request: HttpRequest, user: User, next_url: str) -> None:
    """Remember who passed the password step; they are not signed in until the code is right."""
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "next": next_url,
        "started": time.time(),
    }


def pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["started"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is None or not user.is_council_staff:
        return None
    user.backend = pending["backend"]
    return user


def pending_next_url(request: HttpRequest) -> str:
    return (request.session.get(PENDING_KEY) or {}).get("next", "")


def complete(request: HttpRequest, user: User, device=None) -> None:
    """Sign the user in, and record the device that proved the second factor if there was one."""
    request.session.pop(PENDING_KEY, None)
    login(request, user)
    if device is not None:
        django_otp.login(request, device)


def safe_next_url(request: HttpRequest, candidate: str, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
