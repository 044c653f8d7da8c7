"""Directory entries in the site search: `/api/v1/search?q=food bank` finds organisations."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from opencex.directory.models import Service, Status
from opencex.search.engine import search

pytestmark = pytest.mark.usefixtures("oxford_directory")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_search_api_returns_the_food_bank_as_an_organisation(client):
    response = client.get("/api/v1/search", {"q": "food bank"})
    assert response.status_code == 200
    organisations = [r for r in response.json()["results"] if r["kind"] == "organisation"]
    assert organisations[0] == {
        "title": "Oxford Food Bank",
        "url": "/directory/oxford-food-bank/",
        "summary": organisations[0]["summary"],
        "kind": "organisation",
        "provider": "partner",
    }
    assert client.get(organisations[0]["url"]).status_code == 200


def test_a_service_closed_in_the_admin_leaves_the_search_on_the_next_search():
    assert any(hit.document.slug == "oxford-food-bank" for hit in search("food bank"))
    service = Service.objects.get(slug="oxford-food-bank")
    service.status = Status.INACTIVE
    service.save()
    assert not any(hit.document.slug == "oxford-food-bank" for hit in search("food bank"))
