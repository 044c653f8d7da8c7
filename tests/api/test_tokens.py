"""API tokens: partner systems authenticate with `Authorization: Bearer <token>`."""

import hashlib
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test import Client

from opencex.accounts.models import Role
from opencex.api.models import ApiToken
from opencex.api.tokens import issue_token, revoke_token
from opencex.cases.models import Case, Channel
from tests.api.conftest import case_request, field_errors, open_case_via_api
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return UserFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def partner():
    return UserFactory(role=Role.PARTNER, full_name="Housing repairs app")


@pytest.fixture
def partner_token(administrator, partner):
    return issue_token(actor=administrator, user=partner, name="Repairs app")


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_partner_system_opens_cases_on_the_partner_channel(partner_token, partner):
    response = open_case_via_api(Client(), **_bearer(partner_token))

    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.channel, case.created_by) == (Channel.PARTNER_API, partner)


def test_a_partner_system_may_not_choose_a_channel(partner_token):
    response = open_case_via_api(Client(), case_request(channel="web"), **_bearer(partner_token))

    assert response.status_code == 422
    assert list(field_errors(response)) == ["channel"]


def test_a_partner_system_reads_the_cases_it_opened(partner_token):
    reference = open_case_via_api(Client(), **_bearer(partner_token)).json()["reference"]

    response = Client().get(f"/api/v1/cases/{reference}", headers=_bearer(partner_token))

    assert response.status_code == 200
    assert "deadline_explanation" not in response.json()


def test_a_partner_system_cannot_read_other_cases(partner_token):
    case = CaseFactory()

    response = Client().get(f"/api/v1/cases/{case.reference}", headers=_bearer(partner_token))

    assert response.status_code == 404


def test_partner_idempotency_keys_are_kept_apart_from_anonymous_ones(partner_token):
    key = {"Idempotency-Key": "same-key"}
    as_partner = open_case_via_api(Client(), **key, **_bearer(partner_token))
    as_resident = open_case_via_api(Client(), **key)

    assert (as_partner.status_code, as_resident.status_code) == (201, 201)


def test_a_revoked_token_is_refused_with_401(administrator, partner_token):
    revoke_token(actor=administrator, token=ApiToken.objects.get())

    response = open_case_via_api(Client(), **_bearer(partner_token))

    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert not Case.objects.exists()


def test_an_unknown_token_is_refused_rather_than_treated_as_anonymous(client):
    response = client.get("/api/v1/services", headers=_bearer("ocx_not-a-real-token"))

    assert response.status_code == 401


def test_a_token_of_a_deactivated_account_is_refused(partner, partner_token):
    partner.is_active = False
    partner.save()

    response = Client().get("/api/v1/services", headers=_bearer(partner_token))

    assert response.status_code == 401


def test_only_a_hash_of_the_token_is_stored(partner_token):
    stored = ApiToken.objects.get()

    assert stored.token_hash == hashlib.sha256(partner_token.encode()).hexdigest()
    assert partner_token.startswith(stored.prefix)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        row = cursor.fetchone()
    assert partner_token not in [str(value) for value in row]


def test_using_a_token_records_when_it_was_last_used(partner_token):
    Client().get("/api/v1/services", headers=_bearer(partner_token))

    assert ApiToken.objects.get().last_used_at is not None


def test_only_administrators_may_issue_tokens(partner):
    with pytest.raises(PermissionDenied):
        issue_token(actor=UserFactory(role=Role.TEAM_MANAGER), user=partner, name="Repairs app")


def test_each_token_issued_is_different(administrator, partner):
    first = issue_token(actor=administrator, user=partner, name="Repairs app")
    second = issue_token(actor=administrator, user=partner, name="Repairs app")

    assert first != second


def test_the_management_command_prints_a_working_token(partner):
    out = StringIO()

    call_command("issue_api_token", partner.email, "Repairs app", stdout=out, stderr=StringIO())

    token = out.getvalue().strip()
    assert Client().get("/api/v1/services", headers=_bearer(token)).status_code == 200
    assert ApiToken.objects.get().issued_by is None
