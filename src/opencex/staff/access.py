"""Who may use the staff workspace: signed-in council staff, with their second factor if set up."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from opencex.accounts.second_factor import is_fully_signed_in


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send anonymous visitors to sign in; refuse (403) signed-in accounts that are not staff.

    A user with an authenticator app, or whose role needs one (the council profile), must have
    used it in this session: signing in by any other route (an admin's `force_login`, a future
    single sign-on, a session older than the rule) cannot skip the second factor.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_council_staff:
            raise PermissionDenied
        if not is_fully_signed_in(user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
