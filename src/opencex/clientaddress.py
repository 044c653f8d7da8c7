"""The client's address. A minimal stand-in (REMOTE_ADDR only) so that the access helper's work
runs; the edge helper's module, which honours trusted proxy hops, replaces this file."""

from __future__ import annotations

from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")
