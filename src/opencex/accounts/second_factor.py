"""Whether a member of staff has proved the second factor their sign-in needs: asked by every staff
page, the admin and the API, so that no route (an older session, a session made without the code
step) skips it. A council profile makes an authenticator app mandatory per role (`[security]
two_factor_required_for`, applied when OPENCEX_ENFORCE_TWO_FACTOR is on)."""

from __future__ import annotations

import django_otp
from django.conf import settings

from opencex.accounts.models import User


def needs_second_factor(user: User) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def is_fully_signed_in(user) -> bool:
    """Signed in as council staff, with the second factor proved in this session when the
    officer has an authenticator app or their role needs one."""
    if not (user.is_authenticated and user.is_council_staff):
        return False
    if user.is_verified():
        return True
    return not (needs_second_factor(user) or two_factor_required(user))


def must_set_up_second_factor(user: User) -> bool:
    """The officer's role needs a second factor and they have no authenticator app yet."""
    return two_factor_required(user) and not needs_second_factor(user)


def two_factor_required(user: User) -> bool:
    return user.role in getattr(settings, "OPENCEX_TWO_FACTOR_REQUIRED_FOR", ())
