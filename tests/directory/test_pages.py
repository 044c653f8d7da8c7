"""/directory/ on the citizen site: search by need and postcode, errors, and an entry page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.directory.models import Service, Status

pytestmark = pytest.mark.usefixtures("oxford_directory")

URL = "/directory/"


def test_the_directory_page_offers_a_search_and_needs_to_browse(client):
    page = client.get(URL).content.decode()
    assert 'name="need"' in page
    assert 'name="postcode"' in page
    assert "Digital skills" in page
    assert 'id="directory-results"' not in page


def test_searching_by_need_and_postcode_lists_the_nearest_with_distances(client):
    page = client.get(URL, {"need": "larder", "postcode": "ox4 7aa"}).content.decode()
    assert "nearest to OX4 7AA first" in page
    results = page.split('id="directory-results"', 1)[1]
    assert results.index("Blackbird Leys Community Larder") < results.index("Barton Community")
    assert "miles away" in results


def test_an_unknown_postcode_shows_the_error_summary_and_keeps_the_answers(client):
    response = client.get(URL, {"need": "food", "postcode": "SW1A 1AA"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "There is a problem" in page
    assert 'href="#id_postcode"' in page
    assert "We do not know where SW1A 1AA is" in page
    assert 'value="SW1A 1AA"' in page
    assert 'id="directory-results"' not in page


def test_a_need_nothing_meets_says_so(client):
    page = client.get(URL, {"need": "skydiving", "postcode": ""}).content.decode()
    assert "We could not find a place or service for that" in page


def test_an_entry_page_shows_how_to_get_help_and_that_it_is_demo_data(client):
    page = client.get(reverse("web:directory-entry", args=["barton-community-larder"]))
    text = page.content.decode()
    assert page.status_code == 200
    for expected in (
        "Barton Neighbourhood Centre",
        "OX3 9LS",
        "Tuesday, 11am to 1pm",
        "£3.50 a visit",
        "Demo entry: not a real contact.",
    ):
        assert expected in text, expected
    assert 'href="tel:' not in text.split('id="demo-warning"')[1].split("</main>")[0]


def test_a_closed_entry_is_not_found(client):
    Service.objects.filter(slug="barton-community-larder").update(status=Status.DEFUNCT)
    assert client.get("/directory/barton-community-larder/").status_code == 404
