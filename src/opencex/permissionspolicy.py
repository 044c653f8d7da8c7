"""The Permissions-Policy header: the browser features no page of ours may use.

A script that got onto a page anyway (a compromised dependency, an injected advert in a frame)
could otherwise ask a resident for their camera, microphone or location with the council's name
on the prompt. Every feature is refused unless the deployment names it in
OPENCEX_PERMISSIONS_ALLOWED, and then it is allowed for this site only, never for frames.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Permissions-Policy"

# Features Chromium knows (it reports an unknown name as an error in the console; browsers
# that know fewer ignore the rest). `payment` is the Payment Request API: GOV.UK Pay takes
# payments on its own pages.
FEATURES = (
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
)


def permissions_policy(allowed: list[str]) -> str:
    """The header's value: `feature=()` refuses it everywhere, `feature=(self)` allows this site."""
    unknown = sorted(set(allowed) - set(FEATURES))
    if unknown:
        raise ValueError(f"OPENCEX_PERMISSIONS_ALLOWED names unknown features: {unknown}")
    return ", ".join(
        f"{feature}=(self)" if feature in allowed else f"{feature}=()" for feature in FEATURES
    )


class PermissionsPolicyMiddleware:
    """Adds the header to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = permissions_policy(settings.OPENCEX_PERMISSIONS_ALLOWED)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(HEADER, self.value)
        return response
