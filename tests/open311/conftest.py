"""Fixtures for the GeoReport v2 tests: the offered services (their forms synced), a partner
system with its api_key, and a clock pinned to a Tuesday."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
import time_machine
from django.core.cache import cache

from opencex.accounts.models import Role
from opencex.api.policies import SERVER_OPERATOR
from opencex.api.tokens import issue_token
from opencex.forms.loading import sync_form_definitions
from tests.factories import ServiceFactory, UserFactory

BASE = "/open311/v2"
JURISDICTION = "oxford.gov.uk"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def a_tuesday():
    with time_machine.travel("2026-03-10 10:00 +00:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def offered(db):
    """The services with live service-request forms: fly-tipping (a street location) and
    missed bins (a home address), as the demo catalogue has them."""
    fly_tipping = ServiceFactory(slug="report-fly-tipping", title="Report fly-tipping")
    missed_bin = ServiceFactory(slug="report-missed-bin", title="Report a missed bin collection")
    ServiceFactory(slug="pay-council-tax", title="Pay council tax", case_kind="payment")
    sync_form_definitions()
    return {"report-fly-tipping": fly_tipping, "report-missed-bin": missed_bin}


@pytest.fixture
def partner(db):
    return UserFactory(role=Role.PARTNER, email="fixmystreet@example.org")


@pytest.fixture
def api_key(partner):
    return issue_token(actor=SERVER_OPERATOR, user=partner, name="FixMyStreet")


def fly_tipping_report(api_key: str, **overrides) -> dict:
    """What FixMyStreet's Open311.pm posts for a report (its parameter names)."""
    body = {
        "api_key": api_key,
        "jurisdiction_id": JURISDICTION,
        "service_code": "report-fly-tipping",
        "lat": "51.752021",
        "long": "-1.257726",
        "email": "ada@example.org",
        "first_name": "Ada",
        "last_name": "Resident",
        "description": "title: Mattress on the verge\n\ndetail: A mattress and bags by the bus "
        "stop.\n\nurl: https://www.fixmystreet.com/report/1001\n\nSubmitted via FixMyStreet",
        "media_url": "https://www.fixmystreet.com/photo/1001.0.full.jpeg",
        "attribute[what]": "furniture",
        "attribute[how_much]": "van",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


def parse_xml(content: bytes) -> ElementTree.Element:
    """Our own server's XML answer, parsed as a client would."""
    return ElementTree.fromstring(content)  # noqa: S314 - the server under test wrote it
