"""Where "online" leads for a service: the one rule the service page asks before it says so.

The catalogue lists the ways a service can be used ("online", "phone", ...), but saying
"online" is a promise only something to click can keep. `online_route(service)` asks a list of
route finders in order and takes the first answer: a booking, a payment by reference or the
tenants' portal where one of them does the service, the service's own live form (written for it,
or made from its form family: forms.loading), the page of the county or of whoever else really
provides it (GOV.UK, the Planning Portal, the council's planning register: the catalogue's
`external_provider` names them, and the page says so), or, for a service that is information
rather than a request (no case kind), the guidance page of this site that answers it. A
service the catalogue calls online but that no finder can route is not called online: the page
lists its other ways instead (tests/web/test_online_routes.py fails on any in the demo
catalogue).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.urls import reverse

from opencex.bincollections import links as bin_links
from opencex.catalogue.models import Channel, GuidancePage, Service
from opencex.languages import in_current_language
from opencex.web import booking_views, housing_views, payment_views

ONLINE = Channel.ONLINE


@dataclass(frozen=True)
class Route:
    """Somewhere that does the service online: a page of this site, or another provider's."""

    url: str
    kind: Literal["form", "page", "elsewhere"]
    # Who runs the site of a route elsewhere, when the catalogue names them (not the county,
    # whose name the profile gives): a text, or texts by language.
    provider: Any = ""

    @property
    def is_elsewhere(self) -> bool:
        return self.kind == "elsewhere"

    @property
    def provider_name(self) -> str:
        """The provider's name in the page's language."""
        return in_current_language(self.provider)


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
        return Route(service.external_url, "elsewhere", service.external_provider or "")
    return None


def _guidance_page(service: Service) -> Route | None:
    """For a service that is information, not a request (no case kind): the guidance page of
    this site that answers it."""
    if service.case_kind:
        return None
    page = GuidancePage.objects.live().filter(services=service).order_by("slug").first()
    return Route(reverse("web:guidance", args=[page.slug]), "page") if page else None


# Services another page of this site does: stage 2 of a complaint is asked for from its
# tracking page (by reference); an environmental information request is a choice on the
# information request form, which files it under its own service (case.kind_from).
OTHER_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "escalate-complaint": ("web:track", ()),
    "make-eir-request": ("web:form-start", ("ask-for-information",)),
}


def _another_page(service: Service) -> Route | None:
    page = OTHER_PAGES.get(service.slug)
    return Route(reverse(page[0], args=page[1]), "page") if page else None


def page_of_this_site(finder: Callable[[Service], str | None]) -> RouteFinder:
    """A finder that answers with an address on this site (`online_route(service) -> str |
    None`, as the booking, payment and tenants' pages provide it), as a Route."""

    def find(service: Service) -> Route | None:
        url = finder(service)
        return Route(url, "page") if url else None

    find.__name__ = getattr(finder, "__name__", "page_of_this_site")
    return find


# Asked in this order; the first route found is the one the page shows. A booking, a payment or
# the tenants' portal is the fuller journey for the services it does, so it comes before a plain
# form of the same service.
FINDERS: list[RouteFinder] = [
    page_of_this_site(booking_views.online_route),
    page_of_this_site(payment_views.online_route),
    page_of_this_site(housing_views.online_route),
    page_of_this_site(bin_links.online_route),
    _live_form,
    _another_page,
    _provided_elsewhere,
    _guidance_page,
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
