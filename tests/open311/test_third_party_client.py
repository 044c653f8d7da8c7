"""A third-party GeoReport v2 client works against a live server unchanged.

`georeport` (PyPI, 0.3.1) is the one maintained Python client that installs on Python 3
(`open311` 1.1 and `three` 0.8 are Python 2 only). It reads: the service list, a definition, the
requests and one request, in JSON and in XML, used here exactly as published. It cannot create
requests, so the POST is made as FixMyStreet's `perllib/Open311.pm` makes it: form-encoded,
with its parameter names (attribute[...], first_name/last_name, lat/long, media_url,
jurisdiction_id, api_key), and its answer read as FixMyStreet reads it (the first `request`'s
`service_request_id`); FixMyStreet's update poll (servicerequestupdates.xml with api_key,
start_date and end_date, reading each `request_update`) likewise.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import time_machine
from django.db import connection
from georeport import GeoReport

from opencex.accounts.models import Role
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.models import Case, Status
from tests.factories import UserFactory
from tests.open311.conftest import JURISDICTION, fly_tipping_report, parse_xml

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def endpoint(live_server, offered):
    return f"{live_server.url}/open311/v2"


def test_the_georeport_client_reads_services_and_definitions(endpoint):
    for fmt in ("json", "xml"):
        client = GeoReport(endpoint, jurisdiction=JURISDICTION, output_format=fmt)

        services = client.get_service_list()
        definition = client.get_service_definition("report-fly-tipping")

        assert {service["service_code"] for service in services} == {
            "report-fly-tipping",
            "report-missed-bin",
        }
        attributes = definition["attributes"]
        if fmt == "xml":  # xmltodict: <attributes><attribute>... is {"attribute": [...]}
            attributes = attributes["attribute"]
        assert [attribute["code"] for attribute in attributes] == [
            "what",
            "how_much",
            "hazard_details",
        ]


def test_a_report_posted_as_fixmystreet_posts_it_is_read_back_and_its_status_followed(
    endpoint, api_key
):
    with time_machine.travel("2026-03-10 10:00 +00:00", tick=True) as traveller:
        # FixMyStreet's send_service_request: form-encoded to requests.xml.
        posted = requests.post(
            f"{endpoint}/requests.xml", data=fly_tipping_report(api_key), timeout=10
        )
        assert posted.status_code == 200, posted.text
        reference = parse_xml(posted.content).findall("request")[0].findtext("service_request_id")
        case = Case.objects.get(reference=reference)

        for fmt in ("json", "xml"):
            client = GeoReport(endpoint, jurisdiction=JURISDICTION, output_format=fmt)
            request = client.get_service_request(reference)
            assert request["service_request_id"] == reference
            assert request["status"] == "open"
            listed = client.get_service_requests(status="open")
            if fmt == "xml":  # one request: xmltodict gives the element itself, not a list
                listed = [listed] if isinstance(listed, dict) else listed
            assert [item["service_request_id"] for item in listed] == [reference]

        # An officer acts through the normal case actions.
        officer = UserFactory(role=Role.CASEWORKER, teams=[case.team])
        traveller.shift(3600)
        change_status(actor=officer, case=case, to=Status.IN_PROGRESS)
        traveller.shift(3600)
        change_status(actor=officer, case=case, to=Status.RESOLVED, reason="Cleared today.")
        close_case(actor=officer, case=case, outcome="Cleared the verge.")

        client = GeoReport(endpoint, jurisdiction=JURISDICTION)
        assert client.get_service_request(reference)["status"] == "closed"
        assert client.get_service_requests(status="closed")[0]["service_request_id"] == reference

        # FixMyStreet's get_service_request_updates.
        polled = requests.get(
            f"{endpoint}/servicerequestupdates.xml",
            params={
                "jurisdiction_id": JURISDICTION,
                "api_key": api_key,
                "start_date": "2026-03-10T00:00:00Z",
                "end_date": "2026-03-11T00:00:00Z",
            },
            timeout=10,
        )
        updates = parse_xml(polled.content).findall("request_update")
        assert [(u.findtext("service_request_id"), u.findtext("status")) for u in updates] == [
            (reference, "in_progress"),
            (reference, "fixed"),
            (reference, "closed"),
        ]


def test_an_error_reads_as_fixmystreet_reads_one(endpoint, api_key):
    posted = requests.post(
        f"{endpoint}/requests.xml",
        data=fly_tipping_report(api_key, service_code="no-such-service"),
        timeout=10,
    )

    # Open311.pm's _process_error: each <error>'s code and description.
    errors = parse_xml(posted.content).findall("error")
    assert posted.status_code == 404
    assert [(e.findtext("code"), e.findtext("description")) for e in errors] == [
        ("404", "service_code 'no-such-service' was not found")
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writes need PostgreSQL's row locks"
)
def test_the_same_report_sent_twice_at_once_opens_one_case(endpoint, api_key):
    start = threading.Barrier(4)

    def send() -> str:
        start.wait()
        posted = requests.post(
            f"{endpoint}/requests.json", data=fly_tipping_report(api_key), timeout=20
        )
        assert posted.status_code == 200, posted.text
        return posted.json()[0]["service_request_id"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        references = list(pool.map(lambda _: send(), range(4)))

    assert len(set(references)) == 1
    assert Case.objects.count() == 1
