"""The record kept of every request: an id (in every log line written while it is handled and
in the `X-Request-ID` response header, so a resident's "something went wrong" can be found),
one access log line, and the request metrics. First in `MIDDLEWARE`, so that it sees every
response, static files and redirects included."""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

from opencex.server import metrics
from opencex.server.logs import current_request_id

access_log = logging.getLogger("opencex.access")

# An id nginx (`$request_id`) or a load balancer gave the request is kept, so that their logs and
# ours share it, if it is plain enough not to forge a log line; otherwise a new one is made.
FORWARDED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id_for(request: HttpRequest) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    return offered if FORWARDED_ID.fullmatch(offered) else secrets.token_hex(16)


def view_name(request: HttpRequest) -> str:
    """The URL pattern's name (bounded, unlike paths): "static" for WhiteNoise's files,
    "unmatched" for an address no pattern matches."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match._func_path
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


def loggable_path(request: HttpRequest) -> str:
    """The path without its query string (a search or a tracking link may carry a resident's
    words or email address) and with any secret in it (a sign-in link's or a saved form's
    token) blanked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in match.kwargs.items() if match is not None else ():
        if "token" in name and isinstance(value, str) and value:
            path = path.replace(value, "[token]")
    return path


class RequestRecordMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = request_id_for(request)
        # Left set after the response, so that Django's own line about a failed response
        # carries it too; cleared when the response is finished (below).
        current_request_id.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        view = view_name(request)
        response["X-Request-ID"] = request_id
        metrics.record_request(
            view=view, method=request.method or "", status=response.status_code, seconds=seconds
        )
        path = loggable_path(request)
        access_log.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "view": view,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
        return response


@receiver(request_finished)
def forget_request_id(**kwargs: object) -> None:
    current_request_id.set("-")
