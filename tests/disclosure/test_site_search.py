"""Published disclosure log entries in the site search (/search and /api/v1/search), as kind
"disclosure"; drafts never, withdrawn entries no longer."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
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
    # Results link through the web measures' click counter (/search/go/) to their own page.
    links = re.findall(r'href="(/search/go/\d+/\d+)"', page)
    assert f"/disclosure-log/{permits.pk}/" in [client.get(link)["Location"] for link in links]


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


MARKED_REQUEST = (
    "[redacted]\n-----\n"
    "Please tell me how many bins were not emptied on the collection day in 2024.\n\n"
    "-----Original Message-----\nFrom: [redacted]"
)


@pytest.fixture
def missed_bins_answer():
    return DisclosureEntryFactory(
        title="Bins not emptied in 2024",
        request_text=MARKED_REQUEST,
        response_text="[redacted]\n\nBins not emptied: 4,210 reports. ----- [redacted]",
    )


@pytest.fixture
def oxford_catalogue(db):
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))


def test_a_service_ranks_above_a_published_answer_with_the_same_words(
    oxford_catalogue, missed_bins_answer
):
    kinds = [hit.document.kind for hit in search("bin not emptied")]
    assert kinds[0] == "service"
    assert "disclosure" not in kinds[:3]


def test_a_published_answer_still_comes_first_when_no_service_matches(missed_bins_answer):
    assert disclosures("bins not emptied 2024") == ["Bins not emptied in 2024"]


def test_the_snippet_shows_no_redaction_markers_or_rule_lines(missed_bins_answer):
    (hit,) = [hit for hit in search("bins not emptied") if hit.document.kind == "disclosure"]
    assert "[redacted]" not in hit.document.summary
    assert "--" not in hit.document.summary
    assert "how many bins were not emptied" in hit.document.summary


def test_a_redaction_marker_is_not_searched(missed_bins_answer):
    assert disclosures("redacted") == []
