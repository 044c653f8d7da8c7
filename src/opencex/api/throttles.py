"""Rate limits on the endpoints that invite abuse: anonymous case creation and email look-ups.

Each client gets a fixed window counted by `opencex.ratelimits`, per address as
`opencex.clientaddress` reads it: X-Forwarded-For only as far as our own proxies wrote it.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from opencex import ratelimits
from opencex.clientaddress import client_address


class FixedWindowThrottle(BaseThrottle):
    scope = ""

    def __init__(self, *, requests: int, seconds: int) -> None:
        self.requests = requests
        self.seconds = seconds

    def applies_to(self, request: HttpRequest) -> bool:
        return True

    def allow_request(self, request: HttpRequest) -> bool:
        if not self.applies_to(request):
            return True
        count = ratelimits.count(
            scope=f"api:{self.scope}",
            value=client_address(request),
            window=timedelta(seconds=self.seconds),
        )
        return count <= self.requests

    def wait(self) -> float:
        # The window's opening time is not kept, so promise only its whole length.
        return float(self.seconds)


class AnonymousCaseCreation(FixedWindowThrottle):
    scope = "open-case"

    def applies_to(self, request: HttpRequest) -> bool:
        user = getattr(request, "auth", None)
        return user is None or not user.is_authenticated


class CaseLookupByEmail(FixedWindowThrottle):
    """Reading a case with ?email= is guessable in principle; this makes guessing slow."""

    scope = "case-by-email"

    def applies_to(self, request: HttpRequest) -> bool:
        return "email" in request.GET


ANONYMOUS_CASE_CREATION = AnonymousCaseCreation(requests=20, seconds=10 * 60)
CASE_LOOKUP_BY_EMAIL = CaseLookupByEmail(requests=30, seconds=10 * 60)
