"""Every search on /search and /api/v1/search is kept (term without personal data, language,
results, day; nothing about who), and a result followed from the page is counted and sent on only
to that result's own address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencex.search.models import SearchRecord, SearchSource
from tests.webmeasures.conftest import london

pytestmark = pytest.mark.usefixtures("oxford_catalogue")


def _result_links(page: str) -> list[str]:
    listed = page.split('id="search-results"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a class="govuk-link" href="([^"]+)"', listed)


def test_a_search_on_the_page_is_kept_with_its_day_and_no_personal_data(client):
    with time_machine.travel(london("2026-03-04", 23), tick=False):
        client.get("/search", {"q": "Missed bin OX4 2JD jo@example.org 07700 900982"})
    record = SearchRecord.objects.get()
    assert record.term == "missed bin ox4 [email] [phone]"
    assert (record.source, record.language, record.day) == ("page", "en", dt.date(2026, 3, 4))
    assert record.results == len(record.result_urls)
    assert record.clicked_position is None
    fields = {field.name for field in SearchRecord._meta.get_fields()}
    assert fields == {
        "id", "term", "language", "source", "results", "result_urls", "clicked_position", "day",
    }  # fmt: skip


def test_a_search_that_finds_nothing_is_kept_with_no_results(client):
    client.get("/search", {"q": "asdfghjkl qwertyuiop"})
    record = SearchRecord.objects.get()
    assert (record.term, record.results, record.result_urls) == ("asdfghjkl qwertyuiop", 0, [])


def test_an_empty_search_is_not_kept(client):
    client.get("/search")
    client.get("/search", {"q": "   "})
    assert not SearchRecord.objects.exists()


def test_a_search_through_the_api_is_kept_in_its_language_without_result_addresses(client):
    response = client.get("/api/v1/search", {"q": "nie odebrali śmieci", "lang": "pl"})
    assert response.status_code == 200
    record = SearchRecord.objects.get()
    assert (record.term, record.language, record.source) == ("nie odebrali śmieci", "pl", "api")
    assert record.results == len(response.json()["results"]) > 0
    assert record.result_urls == []


def test_the_page_search_costs_one_insert(client):
    client.get("/search", {"q": "bins"})  # the index is built once per process
    with CaptureQueriesContext(connection) as queries:
        client.get("/search", {"q": "brown bin"})
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    inserts = [sql for sql in writes if sql.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 1
    assert "search_searchrecord" in inserts[0]


def test_results_link_through_the_counter_to_their_own_page(client):
    page = client.get("/search", {"q": "brown bin"}).content.decode()
    record = SearchRecord.objects.get()
    links = _result_links(page)
    assert links == [f"/search/go/{record.pk}/{n}" for n in range(1, record.results + 1)]
    response = client.get(links[1])
    assert response.status_code == 302
    assert response["Location"] == record.result_urls[1]
    assert client.get(response["Location"]).status_code == 200
    record.refresh_from_db()
    assert record.clicked_position == 2


def test_only_the_first_result_followed_is_counted(client):
    client.get("/search", {"q": "brown bin"})
    record = SearchRecord.objects.get()
    client.get(f"/search/go/{record.pk}/3")
    client.get(f"/search/go/{record.pk}/1")
    record.refresh_from_db()
    assert record.clicked_position == 3


HOSTILE = [
    "/search/go/{pk}/0",
    "/search/go/{pk}/{past}",
    "/search/go/{pk}/99999999999999999999",
    "/search/go/{missing}/1",
    "/search/go/{pk}/-1",
    "/search/go/{pk}/https://evil.example",
    "/search/go/{pk}//evil.example",
    "/search/go/{api}/1",
    "/search/go/x/1",
    "/search/go/{pk}/1.5",
]


def test_a_hostile_search_or_position_is_not_found_and_goes_nowhere(client):
    client.get("/search", {"q": "brown bin"})
    client.get("/api/v1/search", {"q": "brown bin"})
    page = SearchRecord.objects.get(source=SearchSource.PAGE)
    api = SearchRecord.objects.get(source=SearchSource.API)
    for address in HOSTILE:
        url = address.format(pk=page.pk, past=page.results + 1, missing=api.pk + 1000, api=api.pk)
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Location" not in response
    page.refresh_from_db()
    api.refresh_from_db()
    assert (page.clicked_position, api.clicked_position) == (None, None)


def test_a_next_address_in_the_query_is_ignored(client):
    client.get("/search", {"q": "brown bin"})
    record = SearchRecord.objects.get()
    response = client.get(f"/search/go/{record.pk}/1", {"next": "https://evil.example"})
    assert response["Location"] == record.result_urls[0]


@pytest.mark.parametrize(
    "stored", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x", 5]
)
def test_an_address_that_is_not_a_page_of_this_site_is_never_followed(client, stored):
    record = SearchRecord.objects.create(
        term="bins", language="en", source="page", results=1, result_urls=[stored],
        day=dt.date(2026, 3, 4),
    )  # fmt: skip
    response = client.get(f"/search/go/{record.pk}/1")
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.clicked_position is None
