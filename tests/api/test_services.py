"""GET /api/v1/services and /api/v1/services/{slug}: the live service catalogue."""

import pytest

from opencex.catalogue.models import Provider
from tests.factories import ServiceFactory, TopicFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/services"


def _slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["items"]]


def test_lists_only_live_services(client):
    ServiceFactory(slug="report-missed-bin")
    ServiceFactory(slug="old-form", is_live=False)

    assert _slugs(client.get(URL)) == ["report-missed-bin"]


def test_each_service_carries_its_standard_and_its_page_address(client):
    ServiceFactory(
        slug="report-missed-bin",
        title="Report a missed bin",
        standard_days=2,
        standard_text="We collect it within 2 working days.",
        if_late="Call 01865 249811.",
        lgsl_code=524,
    )

    item = client.get(URL).json()["items"][0]

    assert item["standard"] == {
        "days": 2,
        "text": "We collect it within 2 working days.",
        "if_late": "Call 01865 249811.",
    }
    assert item["url"] == "/services/report-missed-bin/"
    assert item["lgsl_code"] == 524
    assert set(item) >= {"summary", "provider", "external_url", "topic", "channels", "cost"}


def test_a_service_without_a_standard_has_a_null_standard(client):
    ServiceFactory(standard_days=None, standard_text="")

    assert client.get(URL).json()["items"][0]["standard"] is None


def test_filters_by_topic(client):
    ServiceFactory(slug="missed-bin", topic=TopicFactory(slug="bins"))
    ServiceFactory(slug="pay-rent", topic=TopicFactory(slug="housing"))

    assert _slugs(client.get(URL, {"topic": "bins"})) == ["missed-bin"]


def test_filters_by_provider(client):
    ServiceFactory(slug="missed-bin")
    ServiceFactory(slug="school-places", provider=Provider.COUNTY, external_url="https://x.test")

    assert _slugs(client.get(URL, {"provider": "county"})) == ["school-places"]


def test_q_matches_words_in_the_title_whatever_their_case(client):
    ServiceFactory(slug="missed-bin", title="Report a missed bin")
    ServiceFactory(slug="pay-rent", title="Pay your rent")

    assert _slugs(client.get(URL, {"q": "MISSED"})) == ["missed-bin"]


def test_pages_with_limit_and_offset_and_counts_every_match(client):
    for letter in "abcde":
        ServiceFactory(slug=f"service-{letter}", title=f"Service {letter}")

    body = client.get(URL, {"limit": 2, "offset": 2}).json()

    assert body["count"] == 5
    assert (body["limit"], body["offset"]) == (2, 2)
    assert [item["slug"] for item in body["items"]] == ["service-c", "service-d"]


def test_a_limit_above_100_is_a_validation_error_on_limit(client):
    response = client.get(URL, {"limit": 101})

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "limit", "message": "Limit must be 100 or less"}]


def test_an_unknown_filter_is_refused(client):
    response = client.get(URL, {"colour": "green"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "colour"


def test_gets_one_live_service_by_slug(client):
    ServiceFactory(slug="report-missed-bin", title="Report a missed bin")

    response = client.get(f"{URL}/report-missed-bin")

    assert response.status_code == 200
    assert response.json()["title"] == "Report a missed bin"


def test_an_unknown_service_is_a_structured_404(client):
    response = client.get(f"{URL}/no-such-service")

    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found"
    assert body["errors"][0]["field"] is None
    assert body["errors"][0]["message"]


def test_a_service_that_is_not_live_is_not_found(client):
    ServiceFactory(slug="old-form", is_live=False)

    assert client.get(f"{URL}/old-form").status_code == 404


def test_an_unknown_api_address_is_a_structured_404(client):
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
