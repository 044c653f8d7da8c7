"""Status changes an officer makes through the normal case actions are what a GeoReport client
reads back: the request's status and updated time, and FixMyStreet's servicerequestupdates."""

from __future__ import annotations

import pytest

from opencex.accounts.models import Role
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.models import Case, Status
from opencex.open311.reading import georeport_status
from tests.factories import CaseFactory, UserFactory
from tests.open311.conftest import BASE, fly_tipping_report, parse_xml

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(client, offered, a_tuesday, api_key):
    response = client.post(f"{BASE}/requests.json", fly_tipping_report(api_key))
    case = Case.objects.get(reference=response.json()[0]["service_request_id"])
    officer = UserFactory(role=Role.CASEWORKER, teams=[case.team])
    return case, officer


@pytest.mark.parametrize("status", list(Status))
def test_only_the_lifecycles_open_statuses_read_as_open(status):
    expected = (
        "open"
        if status in {"received", "acknowledged", "in_progress", "awaiting_resident"}
        else "closed"
    )
    assert georeport_status(status) == expected


def test_a_closed_case_reads_as_closed_with_a_later_updated_time(client, reported, a_tuesday):
    case, officer = reported
    change_status(actor=officer, case=case, to=Status.RESOLVED, reason="Cleared.")
    a_tuesday.shift(3600)

    close_case(actor=officer, case=case, outcome="Removed the mattress and bags.")

    [request] = client.get(f"{BASE}/requests/{case.reference}.json").json()
    assert request["status"] == "closed"
    assert request["status_notes"] == "Closed"
    assert request["updated_datetime"] == "2026-03-10T11:00:00+00:00"
    assert request["requested_datetime"] == "2026-03-10T10:00:00+00:00"
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [case.reference]


def test_a_change_made_after_the_request_is_found_by_its_updated_time(client, reported, a_tuesday):
    case, officer = reported
    a_tuesday.shift(60 * 60 * 24 * 100)  # past the 90 days after it was made

    change_status(actor=officer, case=case, to=Status.IN_PROGRESS)

    window = {"start_date": "2026-06-18T00:00:00Z", "end_date": "2026-06-19T00:00:00Z"}
    found = client.get(f"{BASE}/requests.json", window).json()
    assert [r["service_request_id"] for r in found] == [case.reference]


def test_fixmystreets_updates_list_each_change_of_status_in_order(
    client, reported, a_tuesday, api_key
):
    case, officer = reported
    change_status(actor=officer, case=case, to=Status.IN_PROGRESS)
    a_tuesday.shift(600)
    change_status(actor=officer, case=case, to=Status.RESOLVED, reason="Mrs Resident's mattress")
    a_tuesday.shift(600)
    close_case(actor=officer, case=case, outcome="Mrs Resident's mattress removed.")

    response = client.get(
        f"{BASE}/servicerequestupdates.xml",
        {
            "api_key": api_key,
            "start_date": "2026-03-10T00:00:00Z",
            "end_date": "2026-03-11T00:00:00Z",
        },
    )

    root = parse_xml(response.content)
    assert root.tag == "service_request_updates"
    updates = root.findall("request_update")
    assert [u.findtext("status") for u in updates] == ["in_progress", "fixed", "closed"]
    assert {u.findtext("service_request_id") for u in updates} == {case.reference}
    assert updates[2].findtext("updated_datetime") == "2026-03-10T10:20:00+00:00"
    assert all(u.findtext("update_id") for u in updates)
    # The officer's own words go to the resident, not to a site that publishes updates.
    assert "Mrs Resident" not in response.content.decode()


def test_a_partners_updates_are_only_of_its_own_requests(client, reported, api_key, offered):
    case, officer = reported
    service = offered["report-fly-tipping"]
    web_case = CaseFactory(service=service, team=service.team, kind="service_request")
    for each in (case, web_case):
        officer = UserFactory(role=Role.CASEWORKER, teams=[each.team])
        change_status(actor=officer, case=each, to=Status.IN_PROGRESS)

    own = client.get(f"{BASE}/servicerequestupdates.json", {"api_key": api_key}).json()
    everyone = client.get(f"{BASE}/servicerequestupdates.json").json()

    assert {u["service_request_id"] for u in own} == {case.reference}
    assert {u["service_request_id"] for u in everyone} == {case.reference, web_case.reference}
