"""GET /api/v1/cases/{reference}: who may read a case, and how much of it."""

import pytest

from opencex.accounts.models import Role
from opencex.cases.actions.messages import add_note
from opencex.cases.models import CaseKind, EventKind
from tests.api.conftest import open_case_via_api, signed_in_client
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(case) -> str:
    return f"/api/v1/cases/{case.reference}"


@pytest.fixture
def resident_client():
    client, user = signed_in_client(Role.RESIDENT)
    ResidentFactory(user=user)
    return client, user


@pytest.fixture
def residents_case_with_a_note(resident_client):
    """A case the resident opened on the website, with an officer's internal note on it."""
    client, user = resident_client
    reference = open_case_via_api(client).json()["reference"]
    case = user.resident.cases.get(reference=reference)
    add_note(actor=UserFactory(role=Role.ADMINISTRATOR), case=case, body="Crew says bin blocked.")
    return case


def test_a_resident_reads_their_own_case(resident_client, residents_case_with_a_note):
    client, _ = resident_client

    response = client.get(_url(residents_case_with_a_note))

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == residents_case_with_a_note.reference
    assert body["status"] == {"value": "received", "label": "Received"}
    assert body["channel"] == "web"
    assert body["due_on"]


def test_a_resident_sees_only_the_events_meant_for_them(
    resident_client, residents_case_with_a_note
):
    client, _ = resident_client

    timeline = client.get(_url(residents_case_with_a_note)).json()["timeline"]

    assert [event["kind"] for event in timeline] == [EventKind.CREATED]
    assert set(timeline[0]) == {"at", "kind", "summary", "body"}


def test_a_resident_is_not_shown_how_the_deadline_was_worked_out(
    resident_client, residents_case_with_a_note
):
    client, _ = resident_client

    body = client.get(_url(residents_case_with_a_note)).json()

    assert "deadline_explanation" not in body


def test_a_resident_gets_404_for_someone_elses_case(resident_client):
    client, _ = resident_client
    someone_else = CaseFactory(resident=ResidentFactory())

    response = client.get(_url(someone_else))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_staff_see_internal_notes_and_the_deadline_explanation(residents_case_with_a_note):
    client, _ = signed_in_client(Role.ADMINISTRATOR)

    body = client.get(_url(residents_case_with_a_note)).json()

    assert [event["kind"] for event in body["timeline"]] == [EventKind.CREATED, EventKind.NOTE]
    assert body["timeline"][1]["body"] == "Crew says bin blocked."
    assert body["deadline_explanation"]
    assert all(isinstance(line, str) for line in body["deadline_explanation"])


def test_staff_half_way_through_a_mandatory_second_factor_see_nothing_more(
    residents_case_with_a_note, settings
):
    """A staff session without the second factor its role needs (one from before the rule) is
    no session to the API: the case is refused as it is to anyone else."""
    settings.OPENCEX_TWO_FACTOR_REQUIRED_FOR = ["administrator"]
    client, _ = signed_in_client(Role.ADMINISTRATOR)

    response = client.get(_url(residents_case_with_a_note))

    assert response.status_code == 404
    assert "Crew says bin blocked." not in response.content.decode()


def test_a_contact_centre_officer_sees_a_service_request_of_any_team():
    client, _ = signed_in_client(Role.CONTACT_CENTRE)
    case = CaseFactory(team=TeamFactory())

    assert client.get(_url(case)).status_code == 200


def test_a_contact_centre_officer_does_not_see_a_subject_access_request():
    client, _ = signed_in_client(Role.CONTACT_CENTRE)
    case = CaseFactory(kind=CaseKind.SAR, reference="SAR-TEST-0001", team=TeamFactory())

    assert client.get(_url(case)).status_code == 404


def test_a_caseworker_sees_their_own_teams_case():
    team = TeamFactory()
    client, _ = signed_in_client(Role.CASEWORKER, teams=[team])

    assert client.get(_url(CaseFactory(team=team))).status_code == 200


def test_a_caseworker_does_not_see_another_teams_case():
    client, _ = signed_in_client(Role.CASEWORKER, teams=[TeamFactory()])

    assert client.get(_url(CaseFactory(team=TeamFactory()))).status_code == 404


def test_an_information_governance_officer_sees_an_foi_request_of_any_team():
    client, _ = signed_in_client(Role.INFORMATION_GOVERNANCE, teams=[TeamFactory()])
    case = CaseFactory(kind=CaseKind.FOI, reference="FOI-TEST-0001", team=TeamFactory())

    response = client.get(_url(case))

    assert response.status_code == 200
    assert response.json()["deadline_explanation"]


def test_anyone_reads_a_case_with_the_email_it_was_given_in_any_case(client):
    case = CaseFactory(contact_email="ada@example.org")

    response = client.get(_url(case), {"email": "Ada@Example.ORG"})

    assert response.status_code == 200
    assert "deadline_explanation" not in response.json()


def test_a_wrong_email_gets_404(client):
    case = CaseFactory(contact_email="ada@example.org")

    assert client.get(_url(case), {"email": "eve@example.org"}).status_code == 404


def test_an_empty_email_does_not_open_a_case_without_one(client):
    case = CaseFactory(contact_email="", contact_phone="07700900982")

    assert client.get(_url(case), {"email": ""}).status_code == 404


def test_an_anonymous_caller_without_an_email_gets_404(client):
    assert client.get(_url(CaseFactory())).status_code == 404


def test_an_unknown_reference_and_a_forbidden_one_look_the_same(client):
    forbidden = client.get(_url(CaseFactory()))
    unknown = client.get("/api/v1/cases/SR-NONE-XXXX")

    assert (forbidden.status_code, forbidden.json()) == (unknown.status_code, unknown.json())


def test_a_reference_typed_in_lower_case_is_found(client):
    case = CaseFactory(reference="SR-ABCD-EFGH", contact_email="ada@example.org")

    response = client.get("/api/v1/cases/sr-abcd-efgh", {"email": "ada@example.org"})

    assert response.status_code == 200
    assert response.json()["reference"] == case.reference
