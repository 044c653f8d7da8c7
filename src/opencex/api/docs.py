"""The API's docs page: ninja's Swagger UI, always from the package's own static files."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger


class LocalSwagger(Swagger):
    """ninja quietly falls back to a CDN-hosted Swagger UI when "ninja" is not an installed app;
    council networks may have no internet, so this always renders the local template (and fails
    loudly if ninja's templates and static files are not installed)."""

    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        context = {
            "swagger_settings": json.dumps(
                {**self.settings, "url": self.get_openapi_url(api, kwargs)}, indent=1
            ),
            "api": api,
            # Sessions send the CSRF token on unsafe methods, so "Try it out" needs it too.
            "add_csrf": True,
        }
        return render(request, self.template, context)
