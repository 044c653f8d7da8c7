"""GET /api/v1/bin-collections: by UPRN or postcode, in the API's error shape otherwise."""

from __future__ import annotations

import pytest
import time_machine

from tests.bincollections.conftest import london
from tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/bin-collections"


@pytest.fixture(autouse=True)
def _tuesday_31_march_2026():
    with time_machine.travel(london(2026, 3, 31, 10), tick=False):
        yield


def test_a_uprn_gives_the_next_collections_with_bank_holiday_moves(client):
    PropertyFactory(uprn="100120000201", address_line_1="5 Temple Road", postcode="OX4 2ET")
    response = client.get(URL, {"uprn": "100120000201"})
    assert response.status_code == 200
    (address,) = response.json()["addresses"]
    assert address["address"] == "5 Temple Road, Oxford OX4 2ET"
    assert address["round"] == "Friday round, Cowley, Rose Hill and Littlemore"
    first = address["collections"][0]
    assert first == {
        "date": "2026-04-04",
        "usual_date": "2026-04-03",
        "moved_by_bank_holiday": True,
        "bins": [
            # Week A: this round's rubbish week; its garden waste is in week B.
            {
                "kind": "rubbish",
                "name": "Rubbish",
                "container": "green bin",
                "is_subscription": False,
            },
            {
                "kind": "food",
                "name": "Food waste",
                "container": "food caddy",
                "is_subscription": False,
            },
        ],
    }
    assert address["collections"][1]["bins"][-1]["kind"] == "garden"
    assert len(address["collections"]) == 6


def test_a_postcode_written_any_way_gives_every_address_there(client, neighbours):
    response = client.get(URL, {"postcode": "ox41hr"})
    assert response.status_code == 200
    assert [a["uprn"] for a in response.json()["addresses"]] == ["100120000101", "100120000102"]


@pytest.mark.parametrize(
    ("query", "status", "field", "message"),
    [
        ({}, 422, None, "Give either uprn or postcode"),
        ({"uprn": "1", "postcode": "OX4 1HR"}, 422, None, "Give either uprn or postcode"),
        ({"postcode": "nowhere"}, 422, "postcode", "Postcode is not in the right format"),
        ({"postcode": "OX9 9ZZ"}, 404, None, "There are no addresses at this postcode."),
        ({"uprn": "4"}, 404, None, "There is no address with this UPRN."),
        ({"street": "Cowley Road"}, 422, "street", "Remove 'street': it is not a parameter here"),
    ],
)
def test_a_wrong_question_gets_the_apis_error_shape(
    client, neighbours, query, status, field, message
):
    response = client.get(URL, query)
    assert response.status_code == status
    body = response.json()
    assert body["errors"][0]["message"] == message
    assert body["errors"][0]["field"] == field


def test_the_endpoint_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/bin-collections"]["get"]
    assert operation["operationId"] == "bin_collections"
    assert {p["name"] for p in operation["parameters"]} == {"uprn", "postcode"}
    assert "422" in operation["responses"]
    assert "404" in operation["responses"]
