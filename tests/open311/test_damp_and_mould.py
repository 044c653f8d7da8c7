"""Damp and mould reported through GeoReport is filed as the web form files it: on the
report-damp-and-mould service (the form's `case.kind_from`, `forms.services.kind_and_service`)
with its Awaab's Law clock, and its sender can still read it back."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.cases.models import Case, HazardClass
from opencex.forms.loading import sync_form_definitions
from tests.factories import PropertyFactory, ServiceFactory, TeamFactory
from tests.open311.conftest import BASE, JURISDICTION

pytestmark = pytest.mark.django_db

# Friday 18 December 2026, the worked date of RULES.md: investigate by 6 January 2027.
REPORTED = dt.datetime(2026, 12, 18, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def repairs(db):
    team = TeamFactory(slug="housing-repairs", name="Housing Repairs")
    for slug, days in (("report-housing-repair", 20), ("report-damp-and-mould", 10)):
        ServiceFactory(slug=slug, team=team, standard_days=days, is_landlord_function=True)
    sync_form_definitions()


def _repair_report(api_key: str, problem: str) -> dict:
    home = PropertyFactory()
    body = {
        "api_key": api_key,
        "jurisdiction_id": JURISDICTION,
        "service_code": "report-housing-repair",
        "address_id": home.uprn,
        "email": "amira@example.org",
        "first_name": "Amira",
        "last_name": "Haddad",
        "description": "Black mould behind the wardrobe.",
        "attribute[gas_smell]": "no",
        "attribute[problem]": problem,
        "attribute[description]": "Black mould behind the wardrobe.",
        "attribute[urgency]": "routine",
        "attribute[access_times]": "any",
    }
    if problem == "damp_mould":
        body |= {"attribute[damp_rooms]": "bedroom", "attribute[damp_health]": "no"}
    return body


def _sent(client, body) -> Case:
    with time_machine.travel(REPORTED, tick=False):
        response = client.post(f"{BASE}/requests.json", body)
    assert response.status_code == 200, response.content
    return Case.objects.get(reference=response.json()[0]["service_request_id"])


def test_damp_and_mould_sent_by_georeport_lands_on_its_own_service_and_clock(
    client, repairs, api_key
):
    case = _sent(client, _repair_report(api_key, "damp_mould"))

    assert case.service.slug == "report-damp-and-mould"
    assert case.hazard_class == HazardClass.SIGNIFICANT
    assert case.due_on == dt.date(2027, 1, 6)


def test_a_leak_sent_by_georeport_stays_on_the_housing_repair_service(client, repairs, api_key):
    case = _sent(client, _repair_report(api_key, "leak"))

    assert case.service.slug == "report-housing-repair"
    assert case.hazard_class == HazardClass.NONE


def test_its_sender_reads_the_damp_and_mould_request_back(client, repairs, api_key):
    case = _sent(client, _repair_report(api_key, "damp_mould"))

    with time_machine.travel(REPORTED, tick=False):
        response = client.get(f"{BASE}/requests/{case.reference}.json")

    assert response.status_code == 200, response.content
    [entry] = response.json()
    assert entry["service_code"] == "report-damp-and-mould"
