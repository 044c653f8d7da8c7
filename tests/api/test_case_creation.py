"""POST /api/v1/cases: residents, signed in or not, and staff logging a contact."""

import re

import pytest
from django.test import Client

from opencex.accounts.models import Role
from opencex.cases.models import Case, Channel, EventKind
from opencex.cases.references import ALPHABET
from tests.api.conftest import case_request, field_errors, open_case_via_api, signed_in_client
from tests.factories import ResidentFactory, ServiceFactory

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(rf"SR-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}")


def test_an_anonymous_resident_opens_a_case_and_gets_its_reference_and_due_date(client):
    response = open_case_via_api(client)

    assert response.status_code == 201
    body = response.json()
    assert REFERENCE.fullmatch(body["reference"])
    assert body["kind"] == "service_request"
    assert body["status"] == "received"
    assert body["received_on"]
    assert body["due_on"]
    assert body["links"] == {"self": f"/api/v1/cases/{body['reference']}"}


def test_a_new_case_starts_its_timeline_with_a_created_event(client):
    reference = open_case_via_api(client).json()["reference"]

    case = Case.objects.get(reference=reference)
    assert list(case.events.values_list("kind", flat=True)) == [EventKind.CREATED]


def test_an_anonymous_case_is_recorded_on_the_web_channel_with_its_contact(client):
    reference = open_case_via_api(client).json()["reference"]

    case = Case.objects.get(reference=reference)
    assert case.channel == Channel.WEB
    assert (case.contact_name, case.contact_email) == ("Ada Resident", "ada@example.org")
    assert case.created_by is None


def test_an_anonymous_resident_may_give_a_phone_number_instead_of_an_email(client):
    contact = {"name": "Ada Resident", "phone": "+44 7700 900982"}

    response = open_case_via_api(client, case_request(contact=contact))

    assert response.status_code == 201
    assert Case.objects.get().contact_phone == "07700900982"


def test_an_anonymous_resident_must_give_an_email_or_a_phone_number(client):
    response = open_case_via_api(client, case_request(contact={"name": "Ada Resident"}))

    assert response.status_code == 422
    assert list(field_errors(response)) == ["contact"]
    assert not Case.objects.exists()


def test_a_case_about_a_service_is_linked_to_it(client):
    ServiceFactory(slug="report-missed-bin", standard_days=2)

    open_case_via_api(client, case_request(service="report-missed-bin"))

    assert Case.objects.get().service.slug == "report-missed-bin"


def test_a_case_about_an_unknown_service_is_refused_on_the_service_field(client):
    response = open_case_via_api(client, case_request(service="no-such-service"))

    assert response.status_code == 422
    assert list(field_errors(response)) == ["service"]


def test_a_case_about_a_service_that_is_not_live_is_refused(client):
    ServiceFactory(slug="old-form", is_live=False)

    response = open_case_via_api(client, case_request(service="old-form"))

    assert response.status_code == 422
    assert list(field_errors(response)) == ["service"]


def test_a_signed_in_resident_gets_their_resident_record_linked():
    client, user = signed_in_client(Role.RESIDENT)
    resident = ResidentFactory(user=user)

    response = open_case_via_api(client)

    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.resident, case.created_by) == (resident, user)


def test_a_resident_cannot_log_a_case_as_a_phone_call():
    client, _ = signed_in_client(Role.RESIDENT)

    response = open_case_via_api(client, case_request(channel="phone"))

    assert response.status_code == 422
    assert list(field_errors(response)) == ["channel"]


def test_staff_must_say_how_the_resident_contacted_the_council():
    client, _ = signed_in_client(Role.CONTACT_CENTRE)

    response = open_case_via_api(client)

    assert response.status_code == 422
    assert list(field_errors(response)) == ["channel"]


def test_staff_log_a_case_on_the_channel_they_give():
    client, officer = signed_in_client(Role.CONTACT_CENTRE)

    response = open_case_via_api(client, case_request(channel="phone"))

    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.channel, case.created_by, case.resident) == (Channel.PHONE, officer, None)


def test_staff_cannot_use_the_partner_channel():
    client, _ = signed_in_client(Role.CONTACT_CENTRE)

    response = open_case_via_api(client, case_request(channel="partner_api"))

    assert response.status_code == 422
    assert list(field_errors(response)) == ["channel"]


def test_a_signed_in_session_must_send_the_csrf_token():
    _, user = signed_in_client(Role.CONTACT_CENTRE)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)

    response = open_case_via_api(strict, case_request(channel="phone"))

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Case.objects.exists()


def test_a_signed_in_session_with_the_csrf_token_opens_a_case():
    _, user = signed_in_client(Role.CONTACT_CENTRE)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    token = "abcdefghijklmnopqrstuvwxyzABCDEF"  # as the site's CSRF cookie would hold
    strict.cookies["csrftoken"] = token

    response = open_case_via_api(strict, case_request(channel="phone"), **{"X-CSRFToken": token})

    assert response.status_code == 201


def test_an_anonymous_caller_needs_no_csrf_token():
    response = open_case_via_api(Client(enforce_csrf_checks=True))

    assert response.status_code == 201


def test_a_case_error_from_the_service_is_a_422_with_its_message(client):
    # An internal review must name the FOI request it reviews, which this API cannot yet say.
    response = open_case_via_api(client, case_request(kind="foi_internal_review"))

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "case_error"
    assert "internal review" in body["errors"][0]["message"]


def test_an_interpreter_or_format_asked_for_is_kept_with_the_answers_as_the_web_form_keeps_it(
    client,
):
    request = case_request(
        communication={"interpreter_language": "pl", "accessible_format": "large_print"}
    )
    assert open_case_via_api(client, request).status_code == 201
    assert Case.objects.get().answers["communication"] == {
        "interpreter_language": "pl",
        "accessible_format": "large_print",
    }


@pytest.mark.parametrize(
    ("communication", "field"),
    [
        ({"interpreter_language": "xx"}, "communication.interpreter_language"),
        ({"accessible_format": "smoke_signals"}, "communication.accessible_format"),
        ({}, "communication.interpreter_language"),
    ],
)
def test_an_interpreter_or_format_is_checked_as_the_web_form_checks_it(
    client, communication, field
):
    response = open_case_via_api(client, case_request(communication=communication))
    assert response.status_code == 422
    assert field in field_errors(response)
    assert not Case.objects.exists()
