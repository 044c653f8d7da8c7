"""The Idempotency-Key header: a retried request must never open a second case."""

import pytest

from opencex.accounts.models import Role
from opencex.cases.models import Case
from tests.api.conftest import case_request, field_errors, open_case_via_api, signed_in_client

pytestmark = pytest.mark.django_db

KEY = {"Idempotency-Key": "9b2f6c1e-5d3a-4f7e-8a61-2c0d9e4b7a15"}


def test_the_same_key_twice_opens_one_case_and_replays_the_first(client):
    first = open_case_via_api(client, **KEY)
    second = open_case_via_api(client, **KEY)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["reference"] == first.json()["reference"]
    assert Case.objects.count() == 1


def test_a_replayed_response_says_so_in_a_header(client):
    first = open_case_via_api(client, **KEY)
    second = open_case_via_api(client, **KEY)

    assert "Idempotent-Replayed" not in first.headers
    assert second.headers["Idempotent-Replayed"] == "true"


def test_the_same_key_with_a_different_request_is_refused(client):
    open_case_via_api(client, **KEY)

    response = open_case_via_api(client, case_request(subject="Fly-tipping"), **KEY)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "idempotency_key_reused"
    assert body["errors"][0]["field"] == "Idempotency-Key"
    assert Case.objects.count() == 1


def test_two_anonymous_residents_using_the_same_key_each_get_their_own_case(client):
    ada = case_request()
    bob = case_request(contact={"name": "Bob Resident", "email": "bob@example.org"})

    first = open_case_via_api(client, ada, **KEY)
    second = open_case_via_api(client, bob, **KEY)

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["reference"] != second.json()["reference"]


def test_two_signed_in_callers_using_the_same_key_each_get_their_own_case():
    first_client, _ = signed_in_client(Role.CONTACT_CENTRE)
    second_client, _ = signed_in_client(Role.CONTACT_CENTRE)
    body = case_request(channel="phone")

    first = open_case_via_api(first_client, body, **KEY)
    second = open_case_via_api(second_client, body, **KEY)

    assert (first.status_code, second.status_code) == (201, 201)
    assert Case.objects.count() == 2


def test_without_a_key_the_same_request_twice_opens_two_cases(client):
    open_case_via_api(client)
    open_case_via_api(client)

    assert Case.objects.count() == 2


def test_an_overlong_key_is_a_validation_error_on_the_header(client):
    response = open_case_via_api(client, **{"Idempotency-Key": "k" * 101})

    assert response.status_code == 422
    assert list(field_errors(response)) == ["Idempotency-Key"]
