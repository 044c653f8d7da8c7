"""Every service page that says "online" leads somewhere that works.

The crawl opens every live service of the demo catalogue as a signed-out resident. Every service
the catalogue calls online must offer a route (the start button, the "Online" way, the
provider's page), and every route must work: a form's first page opens; any other page of this
site answers 200 (after the redirects a signed-out resident gets, to the sign-in page if it
comes to that, which must then work); another provider's page is a secure address on the site of
the provider the catalogue names (the county, or the `external_provider` of the service, which
the page must name; the tests do not reach the internet). No page may say "Online" without a
link.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Channel, Service
from opencex.forms.loading import sync_form_definitions
from opencex.languages import text_in
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


_FORM_START = re.compile(r"^/forms/([a-z0-9-]+)/$")


def _works_on_this_site(client: Client, url: str) -> bool:
    """A form's first page opens (its start page, then the first question); any other page
    answers 200."""
    if _FORM_START.match(url):
        start = client.get(url)
        first = client.post(url)
        if start.status_code != 200 or first.status_code != 302:
            return False
        return client.get(first.url).status_code == 200
    response = client.get(url, follow=True)
    return response.status_code == 200


def _providers_hosts() -> dict[str, set[str]]:
    """The hosts of each other provider the catalogue names (by English name), from the
    council's list beside its catalogue: a route is checked against these, not against itself."""
    path = demo_catalogue_file(settings.COUNCIL_PROFILE.slug).with_name(
        f"{settings.COUNCIL_PROFILE.slug}.providers.json"
    )
    listed = json.loads(path.read_text())
    return {name: set(hosts) for name, hosts in listed.items() if not name.startswith("_")}


def _is_the_providers_site(url: str, service: Service, page: str) -> bool:
    """A secure address on the site of whoever provides the service: the county, or the
    provider the catalogue names for it (one of the hosts listed for that provider), whose name
    the page gives."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return False
    county = settings.COUNCIL_PROFILE.upper_tier
    if county is not None and parts.hostname == urlsplit(county.website).hostname:
        return True
    named = text_in(service.external_provider, "en")
    return bool(
        named
        and parts.hostname in _providers_hosts().get(named, set())
        and f"on the {named} website" in html.unescape(page)
    )


def test_every_provider_the_catalogue_names_has_its_hosts_listed(demo_catalogue):
    named = {
        text_in(service.external_provider, "en")
        for service in Service.objects.live()
        if service.external_provider
    }
    assert named - set(_providers_hosts()) == set()


def test_a_route_off_its_providers_site_is_refused(demo_catalogue):
    service = next(
        s
        for s in Service.objects.live().exclude(external_url="").order_by("slug")
        if text_in(s.external_provider, "en") == "GOV.UK"
    )
    page = f"<p>on the {text_in(service.external_provider, 'en')} website</p>"
    assert _is_the_providers_site(service.external_url, service, page)
    service.external_url = "https://www.gov.uk.example.net/apply"
    assert not _is_the_providers_site(service.external_url, service, page)


def test_every_service_called_online_has_a_route_and_every_route_works(demo_catalogue):
    client = Client()
    services = list(Service.objects.live().order_by("slug"))
    assert len(services) > 200  # the whole demo catalogue, not a sample
    without_a_route, broken, unlinked, routed = [], [], [], 0
    for service in services:
        page = client.get(f"/services/{service.slug}/")
        assert page.status_code == 200, service.slug
        text = page.content.decode()
        parsed = _ServicePage()
        parsed.feed(text)
        if parsed.unlinked_online:
            unlinked.append((service.slug, parsed.unlinked_online))
        if Channel.ONLINE in service.channels and not parsed.routes:
            without_a_route.append(service.slug)
        for url in set(parsed.routes):
            routed += 1
            if url.startswith("/"):
                works = _works_on_this_site(client, url)
            else:
                works = _is_the_providers_site(url, service, text)
            if not works:
                broken.append((service.slug, url))

    assert without_a_route == []
    assert broken == []
    assert unlinked == []
    assert routed >= 230  # every service the demo catalogue calls online


def test_a_service_done_on_another_providers_site_names_the_provider_in_the_pages_language(
    demo_catalogue,
):
    english = Client().get("/services/register-to-vote/").content.decode()
    polish = Client()
    polish.post("/i18n/setlang/", {"language": "pl", "next": "/"})
    planning = polish.get("/services/search-planning-applications/").content.decode()

    parsed = _ServicePage()
    parsed.feed(english)
    assert set(parsed.routes) == {"https://www.gov.uk/register-to-vote"}
    assert "on the GOV.UK website" in english
    assert "rejestr planistyczny Rady Miasta Oksford (Public Access)" in planning


def test_an_information_service_leads_to_the_guidance_page_that_answers_it(demo_catalogue):
    page = Client().get("/services/find-out-what-goes-in-which-bin/")

    parsed = _ServicePage()
    parsed.feed(page.content.decode())
    assert set(parsed.routes) == {"/guidance/what-goes-in-which-bin/"}


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
