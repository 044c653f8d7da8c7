"""The API does what its OpenAPI document says: schemathesis generates requests from the
document, valid and invalid, sends them to the Django app in-process (WSGI, no server), and runs
every check it has on each response (no 500s, only documented status codes, bodies and headers
that match their schemas, invalid data refused, valid data accepted, wrong methods refused).
Bounded and derandomized, so that it runs the same in about a minute every time."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from opencex.forms.loading import sync_form_definitions
from tests.factories import ServiceFactory

OPENAPI = "/api/v1/openapi.json"


# Opening a case has rules a schema cannot hold: they depend on who calls (an anonymous resident
# gives an email address or a phone number and uses the web channel; a partner system leaves the
# channel out) and on the database (a live service's slug, the answers its form asks for). Those
# are refused with 422 and a field error, which is the one status added to what schemathesis
# counts as accepting valid data, for that one operation; every other check stays as it is.
# `answers` is free-form JSON (each form asks its own questions), so its keys and nested strings
# have no schema to carry the no-NUL rule every other text has: a NUL there is refused at the
# door with 400 (opencex.requestguard), as the document says, and is counted as refused too.
CONFIG = SchemathesisConfig.from_str(
    """
[generation]
deterministic = true

[[operations]]
include-operation-id = "open_case"

[operations.checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404", "409", "422", "429"]

# The bin collections look-up takes exactly one of uprn and postcode, which OpenAPI's query
# parameters cannot say: neither or both is refused with 422, as its description says.
[[operations]]
include-operation-id = "bin_collections"

[operations.checks.positive_data_acceptance]
expected-statuses = ["2xx", "404", "422", "429"]
"""
)
# Read from the app itself at collection (the document needs no database).
schema = schemathesis.openapi.from_wsgi(OPENAPI, get_wsgi_application(), config=CONFIG)


@pytest.fixture
def connection_kept_open():
    """Django closes the database connection after each request it serves through WSGI; as its
    test client does, keep it open, or the test's transaction (on PostgreSQL) ends with it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def missed_bin_form(db):
    ServiceFactory(slug="report-missed-bin", case_kind="service_request")
    sync_form_definitions()


@schema.parametrize()
@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_every_promise_of_its_openapi_document(
    case, missed_bin_form, connection_kept_open
):
    cache.clear()  # rate limits would turn the later examples into 429s
    case.call_and_validate()
