"""Published disclosure log entries in the site search (/search and /api/v1/search), as kind
"disclosure"; drafts never, withdrawn entries no longer."""

from __future__ import annotations

import pytest

from opencex.disclosure.models import EntryStatus
from opencex.disclosure.services import withdraw_disclosure
from opencex.search.engine import search
from tests.factories import DisclosureEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def permits():
    return DisclosureEntryFactory(
        title="Residents' parking permits issued",
        request_text="How many residents' parking permits were issued in each zone?",
        response_text="We issued 12,400 permits across 28 zones.",
    )


def disclosures(query: str) -> list[str]:
    return [hit.document.title for hit in search(query) if hit.document.kind == "disclosure"]


def test_the_search_api_returns_a_published_entry_as_a_disclosure(client, permits):
    response = client.get("/api/v1/search", {"q": "parking permits"})
    assert response.status_code == 200
    results = [r for r in response.json()["results"] if r["kind"] == "disclosure"]
    assert results == [
        {
            "title": "Residents' parking permits issued",
            "url": f"/disclosure-log/{permits.pk}/",
            "summary": results[0]["summary"],
            "kind": "disclosure",
            "provider": "council",
        }
    ]
    assert results[0]["summary"].startswith("Released ")
    assert client.get(results[0]["url"]).status_code == 200


def test_the_search_page_links_to_the_entry(client, permits):
    page = client.get("/search", {"q": "parking permits"}).content.decode()
    assert f'href="/disclosure-log/{permits.pk}/"' in page


def test_words_from_the_response_find_the_entry(permits):
    assert disclosures("permits zones") == ["Residents' parking permits issued"]


def test_a_draft_is_not_in_the_site_search():
    DisclosureEntryFactory(
        title="Allotment waiting lists", status=EntryStatus.DRAFT, published_at=None
    )
    assert disclosures("allotment waiting lists") == []


def test_a_withdrawn_entry_leaves_the_site_search_on_the_next_search(ig_officer, permits):
    assert disclosures("parking permits") == ["Residents' parking permits issued"]
    withdraw_disclosure(actor=ig_officer, entry=permits, reason="Wrong figures")
    assert disclosures("parking permits") == []
