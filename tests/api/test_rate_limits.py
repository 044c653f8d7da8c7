"""Anonymous case creation and look-ups by email are rate-limited per IP address."""

import json

import pytest

from opencex.accounts.models import Role
from opencex.api.throttles import ANONYMOUS_CASE_CREATION, CASE_LOOKUP_BY_EMAIL
from opencex.cases.models import Case
from tests.api.conftest import CASES_URL, case_request, open_case_via_api, signed_in_client
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_anonymous_case_creation_is_limited_per_address(client):
    for _ in range(ANONYMOUS_CASE_CREATION.requests):
        assert open_case_via_api(client).status_code == 201

    response = open_case_via_api(client)

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0
    assert Case.objects.count() == ANONYMOUS_CASE_CREATION.requests


def test_the_limit_counts_each_address_separately(client):
    for _ in range(ANONYMOUS_CASE_CREATION.requests):
        open_case_via_api(client)

    response = client.post(
        CASES_URL,
        data=json.dumps(case_request()),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 201


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client):
    for number in range(ANONYMOUS_CASE_CREATION.requests):
        open_case_via_api(client, **{"X-Forwarded-For": f"198.51.100.{number}"})

    response = open_case_via_api(client, **{"X-Forwarded-For": "198.51.100.250"})

    assert response.status_code == 429


def test_signed_in_staff_are_not_held_to_the_anonymous_limit():
    client, _ = signed_in_client(Role.CONTACT_CENTRE)

    for _ in range(ANONYMOUS_CASE_CREATION.requests + 1):
        assert open_case_via_api(client, case_request(channel="phone")).status_code == 201


def test_looking_up_cases_by_email_is_limited_per_address(client):
    case = CaseFactory(contact_email="ada@example.org")
    url = f"/api/v1/cases/{case.reference}"
    for number in range(CASE_LOOKUP_BY_EMAIL.requests):
        client.get(url, {"email": f"guess{number}@example.org"})

    response = client.get(url, {"email": "ada@example.org"})

    assert response.status_code == 429
    assert response.json()["errors"][0]["field"] is None
