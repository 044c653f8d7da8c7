"""The search finds what residents mean, in their words, on the council's real catalogue."""

from __future__ import annotations

import pytest

from opencex.catalogue.models import Service
from opencex.search.engine import search
from tests.search.conftest import slugs

pytestmark = pytest.mark.usefixtures("oxford_catalogue")


def test_a_residents_word_finds_the_councils_service():
    assert "subscribe-garden-waste" in slugs(search("brown bin"))[:3]


def test_a_residents_word_with_no_match_in_the_catalogue_still_finds_the_service():
    # "flytippers" is in no service; the thesaurus knows it means fly-tipping.
    assert slugs(search("flytippers"))[0] == "report-fly-tipping"


def test_a_misspelling_finds_the_service():
    assert slugs(search("recyling bin"))[0] == "request-recycling-bin"
    assert slugs(search("potholl"))[0] == "report-pothole"


def test_a_misspelt_phrase_finds_council_tax():
    assert "council-tax" in slugs(search("counsil tax"))[0]


def test_everyday_phrasing_finds_the_service():
    assert slugs(search("my bin wasn't emptied"))[0] == "report-missed-bin"
    assert slugs(search("rats in my garden"))[0] == "report-rats-or-mice"


def test_where_the_problem_is_does_not_outweigh_what_it_is():
    # "outside my house" once found rough sleeping; "broke" is the residents' "broken".
    assert slugs(search("the street light outside my house is broke"))[0] == (
        "report-street-light-fault"
    )


def test_a_word_for_a_street_does_not_turn_a_query_into_homelessness():
    assert "report-rough-sleeper" not in slugs(search("street light"))


def test_a_plural_of_a_small_electrical_finds_where_electricals_go():
    found = slugs(search("old batteries"))
    assert found
    assert found[0] in {"getting-rid-of-large-items", "find-household-waste-recycling-centre"}


def test_a_county_query_returns_the_countys_service():
    top = search("pothole on my road").hits[0].document
    assert (top.slug, top.provider) == ("report-pothole", "county")


def test_a_guidance_page_is_found_beside_the_services():
    results = search("council tax bands")
    assert ("page", "council-tax-bands") in [hit.document.key for hit in results]


def test_nonsense_finds_nothing():
    assert not search("asdfghjkl qwertyuiop").found_something


def test_an_empty_query_finds_nothing():
    assert not search("   ").found_something


def test_results_are_best_first_and_at_most_the_limit():
    results = search("bin", limit=5)
    scores = [hit.score for hit in results]
    assert 0 < len(scores) <= 5
    assert scores == sorted(scores, reverse=True)


def test_a_retired_service_is_not_found():
    Service.objects.filter(slug="report-pothole").update(is_live=False)
    Service.objects.get(slug="report-pothole").save()  # a real edit moves updated_at
    assert "report-pothole" not in slugs(search("pothole"))


def test_a_query_longer_than_the_limit_is_cut_not_refused():
    assert search("pothole " * 100).found_something
