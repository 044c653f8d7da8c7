"""GET /api/v1/search: the same ranking as the page, in the API's shapes and errors."""

from __future__ import annotations

import html
import re

import pytest
from django.core.cache import cache

from opencex.search.engine import search

pytestmark = pytest.mark.usefixtures("oxford_catalogue")

URL = "/api/v1/search"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_results_have_the_documented_shape_best_first(client):
    response = client.get(URL, {"q": "pothole on my road"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert set(results[0]) == {"title", "url", "summary", "kind", "provider"}
    assert results[0] == {
        "title": "Report a pothole",
        "url": "/services/report-pothole/",
        "summary": results[0]["summary"],
        "kind": "service",
        "provider": "county",
    }


def test_every_result_url_resolves(client):
    for query in ("bins", "council tax bands", "parking"):
        for result in client.get(URL, {"q": query}).json()["results"]:
            assert client.get(result["url"]).status_code == 200, result["url"]


def test_at_most_ten_results_unless_a_limit_up_to_twenty_is_asked(client):
    assert len(client.get(URL, {"q": "report"}).json()["results"]) == 10
    assert len(client.get(URL, {"q": "report", "limit": 20}).json()["results"]) == 20


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_a_missing_or_blank_query_is_a_422_naming_q(client, params):
    response = client.get(URL, params)
    assert response.status_code == 422
    assert response.json() == {
        "errors": [{"field": "q", "message": "Enter what you are looking for"}],
        "code": "validation_error",
    }


def test_a_query_over_200_characters_is_a_422(client):
    response = client.get(URL, {"q": "x" * 201})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"


@pytest.mark.parametrize(("params", "field"), [({"limit": 21}, "limit"), ({"page": 2}, "page")])
def test_a_bad_or_unknown_parameter_is_a_422(client, params, field):
    response = client.get(URL, {"q": "bins", **params})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["errors"][0]["field"] == field


def test_nonsense_is_an_empty_list_not_an_error(client):
    response = client.get(URL, {"q": "asdfghjkl"})
    assert response.status_code == 200
    assert response.json() == {"results": []}


@pytest.mark.parametrize("query", ["my bin wasn't emptied", "counsil tax", "bus pass", "help"])
def test_the_page_and_the_api_give_the_same_order(client, query):
    api_titles = [r["title"] for r in client.get(URL, {"q": query}).json()["results"]]
    page = client.get("/search", {"q": query}).content.decode()
    results_list = page.split('id="search-results"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<a class="govuk-link" href="[^"]+">([^<]+)</a>', results_list)
    page_titles = [html.unescape(title) for title in links]
    assert api_titles
    assert page_titles == api_titles == [hit.document.title for hit in search(query)]
