"""The steps of a staff sign-in: who is half-way through it, and finishing it.

A council profile can make the second factor mandatory for some roles (`[security]
two_factor_required_for`, applied when OPENCEX_ENFORCE_TWO_FACTOR is on, as it is by default in
production: settings.OPENCEX_TWO_FACTOR_REQUIRED_FOR). An officer in such a role without an
authenticator app is taken from the password step to setting one up, and is signed in only once
a code from it is right: there is no way into the workspace around it.
"""

from __future__ import annotations

import time

import django_otp
from django.contrib.auth import login
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from opencex.accounts.models import User

PENDING_KEY = "staff_sign_in_pending"
# Long enough to open an authenticator app, short enough that an unattended screen goes stale.
PENDING_SECONDS = 5 * 60


def device_being_set_up(user: User) -> TOTPDevice:
    """The authenticator app the officer is adding: an unconfirmed device, the same one (so the
    same key) until a code from it confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_device(device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])


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
