"""Bad input is always answered with structured errors naming the field, never a 500."""

import pytest

from opencex.cases.models import Case
from tests.api.conftest import case_request, field_errors, open_case_via_api

pytestmark = pytest.mark.django_db


def _only_error(response) -> tuple[str | None, str]:
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    [error] = body["errors"]
    return error["field"], error["message"]


def test_a_badly_formed_email_is_named_with_the_govuk_message(client):
    contact = {"name": "Ada Resident", "email": "ada-at-example"}

    response = open_case_via_api(client, case_request(contact=contact))

    assert _only_error(response) == (
        "contact.email",
        "Enter an email address in the correct format, like name@example.com",
    )


def test_a_missing_subject_is_named(client):
    body = case_request()
    del body["subject"]

    assert _only_error(open_case_via_api(client, body)) == ("subject", "Enter a subject")


def test_a_blank_subject_counts_as_missing(client):
    response = open_case_via_api(client, case_request(subject="   "))

    assert _only_error(response) == ("subject", "Enter a subject")


def test_a_subject_over_200_characters_is_refused(client):
    field, message = _only_error(open_case_via_api(client, case_request(subject="x" * 201)))

    assert (field, message) == ("subject", "Subject must be 200 characters or fewer")


def test_a_description_over_5000_characters_is_refused(client):
    field, _ = _only_error(open_case_via_api(client, case_request(description="x" * 5001)))

    assert field == "description"


def test_an_unknown_kind_is_named_with_the_kinds_allowed(client):
    field, message = _only_error(open_case_via_api(client, case_request(kind="parking_fine")))

    assert field == "kind"
    assert "'service_request'" in message


def test_an_unknown_field_is_refused_by_name(client):
    field, message = _only_error(open_case_via_api(client, case_request(urgency="high")))

    assert field == "urgency"
    assert "not a field" in message


def test_an_unknown_contact_field_is_refused_by_its_dotted_name(client):
    contact = {"name": "Ada Resident", "email": "ada@example.org", "fax": "01865 000000"}

    field, _ = _only_error(open_case_via_api(client, case_request(contact=contact)))

    assert field == "contact.fax"


def test_an_implausible_phone_number_is_named(client):
    contact = {"name": "Ada Resident", "phone": "12345"}

    field, message = _only_error(open_case_via_api(client, case_request(contact=contact)))

    assert field == "contact.phone"
    assert message.startswith("Enter a telephone number")


def test_every_error_in_a_request_is_reported_at_once(client):
    body = case_request(kind="nope", contact={"name": "", "email": "nope"})
    del body["subject"]

    response = open_case_via_api(client, body)

    assert response.status_code == 422
    assert set(field_errors(response)) == {"kind", "subject", "contact.name", "contact.email"}


def test_contact_that_is_not_an_object_is_named(client):
    field, _ = _only_error(open_case_via_api(client, case_request(contact="ada@example.org")))

    assert field == "contact"


def test_malformed_json_is_a_400_bad_request(client):
    response = open_case_via_api(client, '{"kind": "service_request",')

    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"field": None, "message": "The request body is not valid JSON."}],
        "code": "bad_request",
    }


@pytest.mark.parametrize("body", ["[1, 2]", '"a string"', "null", "42", ""])
def test_a_body_that_is_not_a_json_object_is_a_422_not_a_500(client, body):
    response = open_case_via_api(client, body)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert not Case.objects.exists()


def test_a_wrong_http_method_gets_the_structured_error_and_the_allowed_methods(client):
    response = client.delete("/api/v1/services")

    assert response.status_code == 405
    body = response.json()
    assert body["code"] == "method_not_allowed"
    assert "DELETE" in body["errors"][0]["message"]
    assert "GET" in response["Allow"]
