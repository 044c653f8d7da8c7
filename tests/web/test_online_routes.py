"""Every service page that says "online" leads somewhere that works.

The crawl opens every live service of the demo catalogue as a signed-out resident and follows
each online route the page offers (the start button, the "Online" way, the provider's page):
a page of this site must answer 200 (after the redirects a signed-out resident gets, to the
sign-in page if it comes to that, which must then work); another provider's page must be a
secure address on that provider's site (the tests do not reach the internet). No page may say
"Online" without a link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Service
from opencex.forms.loading import sync_form_definitions
from opencex.web.online_routes import online_route, ways_to_do_it
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

_ONLINE = re.compile(r"\bOnline\b")


class _ServicePage(HTMLParser):
    """The online routes a page offers, and any "Online" it says outside a link."""

    def __init__(self) -> None:
        super().__init__()
        self.routes: list[str] = []
        self.unlinked_online: list[str] = []
        self._links_open = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a":
            self._links_open += 1
            if "data-online-route" in attributes:
                self.routes.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "a":
            self._links_open -= 1

    def handle_data(self, data):
        if self._links_open == 0 and _ONLINE.search(data):
            self.unlinked_online.append(data.strip())


@pytest.fixture
def demo_catalogue(db):
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    sync_form_definitions()


def _works_on_this_site(client: Client, url: str) -> bool:
    response = client.get(url, follow=True)
    return response.status_code == 200


def _is_the_providers_site(url: str) -> bool:
    county = settings.COUNCIL_PROFILE.upper_tier
    parts = urlsplit(url)
    return (
        parts.scheme == "https"
        and county is not None
        and parts.hostname == urlsplit(county.website).hostname
    )


def test_every_online_route_on_every_service_page_works(demo_catalogue):
    client = Client()
    services = list(Service.objects.live().order_by("slug"))
    assert len(services) > 200  # the whole demo catalogue, not a sample
    broken, unlinked, routed = [], [], 0
    for service in services:
        page = client.get(f"/services/{service.slug}/")
        assert page.status_code == 200, service.slug
        parsed = _ServicePage()
        parsed.feed(page.content.decode())
        if parsed.unlinked_online:
            unlinked.append((service.slug, parsed.unlinked_online))
        for url in set(parsed.routes):
            routed += 1
            if url.startswith("/"):
                works = _works_on_this_site(client, url)
            else:
                works = _is_the_providers_site(url)
            if not works:
                broken.append((service.slug, url))

    assert broken == []
    assert unlinked == []
    assert routed >= 40  # the forms and the county's services, at least


def test_a_service_with_a_live_form_offers_it_as_the_start_button_and_the_online_way(
    demo_catalogue,
):
    page = Client().get("/services/report-missed-bin/")

    parsed = _ServicePage()
    parsed.feed(page.content.decode())
    assert parsed.routes == ["/forms/report-missed-bin/", "/forms/report-missed-bin/"]


def test_online_in_the_catalogue_without_a_route_is_not_claimed(db):
    service = ServiceFactory(slug="tell-us-you-are-moving", channels=["online", "phone"])

    page = Client().get(f"/services/{service.slug}/")

    text = page.content.decode()
    assert online_route(service) is None
    assert "You cannot do this online yet." in text
    assert "By phone:" in text
    assert not _ONLINE.search(text)


def test_a_service_only_online_but_without_a_route_offers_the_phone(db):
    service = ServiceFactory(channels=["online"])

    page = Client().get(f"/services/{service.slug}/")

    text = page.content.decode()
    assert ways_to_do_it(service, None).channels == []
    assert "You cannot do this online yet. Phone us and we will help:" in text
    assert settings.COUNCIL_PROFILE.main_phone.number in text


def test_a_page_of_this_site_from_another_area_is_asked_after_the_form(db, monkeypatch):
    from opencex.web import online_routes

    service = ServiceFactory(channels=["online", "phone"])
    booking = online_routes.page_of_this_site(lambda asked: "/book/" if asked == service else None)
    monkeypatch.setattr(online_routes, "FINDERS", [online_routes._live_form, booking])

    page = Client().get(f"/services/{service.slug}/")

    parsed = _ServicePage()
    parsed.feed(page.content.decode())
    assert parsed.routes == ["/book/", "/book/"]  # the start button and the online way
    assert online_routes.online_route(ServiceFactory()) is None
