"""What one submission costs the database: partners send hundreds a second on a busy morning
(issue 11: 300/s), so a query that only a retry or a rare message needs must not be paid by all."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opencex.accounts.models import Role
from opencex.api.tokens import issue_token
from opencex.cases.models import Case
from opencex.notify.models import Notification
from tests.api.conftest import case_request, open_case_via_api
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db

# The token and the service; then, in one transaction: the case (with a savepoint, in case its
# random reference or its idempotency key is taken), its timeline event, its outbound event
# (opencex.events), the acknowledgement and its sending job, and, once per transaction, the job
# that fans the outbound events out (here queued already by the first submission, as the test
# runs in one transaction; 12 queries in production).
QUERIES_PER_SUBMISSION = 11


@pytest.fixture
def partner_headers():
    partner = UserFactory(role=Role.PARTNER)
    token = issue_token(actor=UserFactory(role=Role.ADMINISTRATOR), user=partner, name="Repairs")
    return {"Authorization": f"Bearer {token}"}


SERVICE = "report-missed-bin"


def _submit(headers, key: str):
    body = case_request(service=SERVICE)
    return open_case_via_api(Client(), body, **headers, **{"Idempotency-Key": key})


def test_a_partner_submission_makes_eleven_queries(partner_headers):
    ServiceFactory(slug=SERVICE)
    _submit(partner_headers, "first")  # the token's first use is recorded once a minute

    with CaptureQueriesContext(connection) as queries:
        response = _submit(partner_headers, "second")

    assert response.status_code == 201
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) <= QUERIES_PER_SUBMISSION, "\n".join(statements)
    # No look-up before the insert for the key, no form read without answers, no clock pauses
    # or timeline read back for a case just opened.
    read_back = [sql for sql in statements if sql.startswith("SELECT") and "cases_" in sql]
    assert read_back == []
    assert not [sql for sql in statements if "forms_" in sql]
    assert Notification.objects.filter(case__reference=response.json()["reference"]).exists()


def test_a_retried_submission_still_answers_with_the_first_case(partner_headers):
    ServiceFactory(slug=SERVICE)

    first = _submit(partner_headers, "retried")
    second = _submit(partner_headers, "retried")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["reference"] == first.json()["reference"]
    assert Case.objects.count() == 1
    assert Notification.objects.count() == 1
