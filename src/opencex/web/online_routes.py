"""Where "online" leads for a service: the one rule the service page asks before it says so.

The catalogue lists the ways a service can be used ("online", "phone", ...), but saying
"online" is a promise only something to click can keep. `online_route(service)` asks a list of
route finders in order and takes the first answer: the service's own live form, a page of
another part of this site that does it (added by the areas that build them), or the page of
the county or partner that provides it. A service the catalogue calls online but that no finder
can route is not called online: the page lists its other ways instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.urls import reverse

from opencex.catalogue.models import Channel, Service

ONLINE = Channel.ONLINE


@dataclass(frozen=True)
class Route:
    """Somewhere that does the service online: a page of this site, or another provider's."""

    url: str
    kind: Literal["form", "page", "elsewhere"]

    @property
    def is_elsewhere(self) -> bool:
        return self.kind == "elsewhere"


RouteFinder = Callable[[Service], "Route | None"]


def _live_form(service: Service) -> Route | None:
    """The service's own form, when one is live and published (its "Start now" button)."""
    for form in service.forms.all():
        if form.is_live and form.current_version() is not None:
            return Route(reverse("web:form-start", args=[form.slug]), "form")
    return None


def _provided_elsewhere(service: Service) -> Route | None:
    """The county's or a partner's page, for a service this council does not provide itself."""
    if service.external_url:
        return Route(service.external_url, "elsewhere")
    return None


def page_of_this_site(finder: Callable[[Service], str | None]) -> RouteFinder:
    """A finder that answers with an address on this site (`online_route(service) -> str |
    None`, as the booking, payment and tenants' pages provide it), as a Route."""

    def find(service: Service) -> Route | None:
        url = finder(service)
        return Route(url, "page") if url else None

    find.__name__ = getattr(finder, "__name__", "page_of_this_site")
    return find


# Asked in this order; the first route found is the one the page shows.
FINDERS: list[RouteFinder] = [
    _live_form,
    # --- the lead adds the other helpers' finders here when their branches merge, one line each:
    # page_of_this_site(opencex.web.bookings_views.online_route),   # bookings helper
    # page_of_this_site(opencex.web.payments_views.online_route),   # payments helper
    # page_of_this_site(opencex.web.housing_views.online_route),    # housing helper
    # ---
    _provided_elsewhere,
]


def online_route(service: Service) -> Route | None:
    """Where "online" leads for `service`, or None if nowhere yet."""
    for finder in FINDERS:
        route = finder(service)
        if route is not None:
            return route
    return None


@dataclass(frozen=True)
class Ways:
    """The ways to do a service that the page may honestly list."""

    channels: list[str]
    # The catalogue says online, but nothing online does it yet.
    is_not_online_yet: bool


def ways_to_do_it(service: Service, route: Route | None) -> Ways:
    channels = [channel for channel in service.channels if isinstance(channel, str)]
    if route is not None or ONLINE not in channels:
        return Ways(channels, is_not_online_yet=False)
    others = [channel for channel in channels if channel != ONLINE]
    return Ways(others, is_not_online_yet=True)
