"""Puts the council profile in every template as `council`."""

from django.conf import settings
from django.http import HttpRequest


def council(request: HttpRequest) -> dict:
    return {"council": settings.COUNCIL_PROFILE}
