"""The search page, the home page's search box and the guidance pages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from opencex.catalogue.models import GuidancePage

pytestmark = pytest.mark.usefixtures("oxford_catalogue")

COUNCIL = settings.COUNCIL_PROFILE


def test_the_home_page_has_a_labelled_search_box_that_needs_no_javascript(client):
    page = client.get("/").content.decode()
    assert '<form action="/search" method="get" role="search"' in page
    assert '<label class="govuk-label govuk-label--m" for="home-search-q">' in page
    assert 'name="q"' in page


def test_results_show_their_count_and_link_to_each_result(client):
    page = client.get("/search", {"q": "brown bin"}).content.decode()
    assert "results for “brown bin”" in page
    # Each result links through the web measures' click counter to its own page.
    links = re.findall(r'href="(/search/go/\d+/\d+)"', page)
    assert "/services/subscribe-garden-waste/" in [client.get(link)["Location"] for link in links]


def test_a_county_result_says_who_provides_it(client):
    page = client.get("/search", {"q": "blue badge"}).content.decode()
    assert f"Provided by {COUNCIL.upper_tier.name}" in page


def test_no_results_offers_every_phone_line_and_face_to_face_place(client):
    response = client.get("/search", {"q": "asdfghjkl qwertyuiop"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "We could not find anything for “asdfghjkl qwertyuiop”" in page
    for line in COUNCIL.phone_lines:
        assert line.number in page
    for place in COUNCIL.places:
        assert place.name in page
    assert 'id="search-results"' not in page


def test_an_empty_search_shows_the_form_and_the_ways_to_contact_us(client):
    page = client.get("/search").content.decode()
    assert 'name="q"' in page
    assert COUNCIL.main_phone.number in page


def test_a_very_long_or_odd_query_never_breaks_the_page(client):
    for query in ("x" * 5000, "<script>alert(1)</script>", "'; DROP TABLE", "\N{PILE OF POO}"):
        response = client.get("/search", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_guidance_page_shows_its_text_and_related_services(client):
    page = client.get("/guidance/council-tax-bands/").content.decode()
    assert '<h1 class="govuk-heading-xl">Council tax bands explained</h1>' in page
    assert "Valuation Office Agency" in page
    assert 'href="/services/check-council-tax-band/"' in page


def test_a_retired_or_unknown_guidance_page_is_not_found(client):
    GuidancePage.objects.filter(slug="council-tax-bands").update(is_live=False)
    assert client.get("/guidance/council-tax-bands/").status_code == 404
    assert client.get("/guidance/no-such-page/").status_code == 404
