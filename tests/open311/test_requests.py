"""POST requests opens a case through the one door, its answers checked as the API checks them;
GET requests and GET requests/{id} read it back without anybody's personal data but the
sender's own; errors are the specification's."""

from __future__ import annotations

import pytest

from opencex.accounts.models import Role
from opencex.api.policies import SERVER_OPERATOR
from opencex.api.tokens import issue_token
from opencex.cases.models import Case, Channel
from opencex.open311 import views
from opencex.open311.models import GeoReportRequest
from tests.factories import PropertyFactory, UserFactory
from tests.open311.conftest import BASE, fly_tipping_report, parse_xml

pytestmark = pytest.mark.django_db


def post(client, body, fmt="json"):
    return client.post(f"{BASE}/requests.{fmt}", body)


def test_a_report_becomes_a_case_on_the_partner_channel(client, offered, a_tuesday, api_key):
    response = post(client, fly_tipping_report(api_key))

    assert response.status_code == 200, response.content
    [created] = response.json()
    case = Case.objects.get(reference=created["service_request_id"])
    assert case.channel == Channel.PARTNER_API
    assert case.service.slug == "report-fly-tipping"
    assert case.contact_name == "Ada Resident"
    assert case.contact_email == "ada@example.org"
    assert case.answers["what"] == ["furniture"]
    assert case.answers["location"] == {
        "description": "Map point 51.752021, -1.257726",
        "postcode": "",
    }
    assert "A mattress and bags by the bus stop" in case.description
    assert "openstreetmap.org/?mlat=51.752021&mlon=-1.257726" in case.description
    assert case.events.filter(kind="created").count() == 1
    sent = GeoReportRequest.objects.get(case=case)
    assert str(sent.lat) == "51.752021"
    assert sent.media_url.endswith("1001.0.full.jpeg")
    assert created["service_notice"] == case.service.standard_text


def test_the_xml_answer_is_what_fixmystreet_reads_the_id_from(client, offered, api_key):
    response = post(client, fly_tipping_report(api_key), fmt="xml")

    root = parse_xml(response.content)
    assert root.tag == "service_requests"
    reference = root.findtext("request/service_request_id")
    assert Case.objects.filter(reference=reference).exists()
    assert root.find("request/token") is None  # an id, never a token as well


def test_a_resent_report_returns_the_same_case(client, offered, api_key):
    first = post(client, fly_tipping_report(api_key)).json()[0]
    again = post(client, fly_tipping_report(api_key)).json()[0]

    assert again["service_request_id"] == first["service_request_id"]
    assert Case.objects.count() == 1
    assert GeoReportRequest.objects.count() == 1


def test_answers_are_checked_by_the_forms_own_check(client, offered, api_key):
    response = post(client, fly_tipping_report(api_key, **{"attribute[how_much]": "a lot"}))

    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400
    assert error["description"].startswith("attribute[how_much]: ")
    assert not Case.objects.exists()


def test_a_conditional_attribute_is_required_when_its_condition_holds(client, offered, api_key):
    body = fly_tipping_report(api_key, **{"attribute[what]": "hazardous"})

    response = post(client, body)

    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("attribute[hazard_details]: ")


def test_a_missing_required_attribute_and_email_are_each_named(client, offered, api_key):
    body = fly_tipping_report(api_key, email=None, **{"attribute[what]": None})

    response = post(client, body, fmt="xml")

    assert response.status_code == 400
    root = parse_xml(response.content)
    described = [error.findtext("description") for error in root.findall("error")]
    assert any(text.startswith("attribute[what]: ") for text in described)
    assert any(text.startswith("email: ") for text in described)


def test_attributes_the_form_does_not_ask_are_kept_for_the_officer(client, offered, api_key):
    body = fly_tipping_report(api_key, **{"attribute[fixmystreet_id]": "1001"})

    reference = post(client, body).json()[0]["service_request_id"]

    case = Case.objects.get(reference=reference)
    assert "fixmystreet_id: 1001" in case.description
    assert "fixmystreet_id" not in case.answers


def test_a_home_address_service_takes_the_property_by_its_uprn(client, offered, a_tuesday, api_key):
    home = PropertyFactory(uprn="100120000001")
    body = {
        "api_key": api_key,
        "service_code": "report-missed-bin",
        "address_id": home.uprn,
        "email": "ada@example.org",
        "first_name": "Ada",
        "last_name": "Resident",
        "description": "Not emptied",
        "attribute[bins]": "recycling",
        "attribute[garden_sticker]": "no",
        "attribute[collection_day]": "2026-03-09T00:00:00Z",
    }

    response = post(client, body)

    assert response.status_code == 200, response.content
    case = Case.objects.get(reference=response.json()[0]["service_request_id"])
    assert case.property == home
    assert case.answers["collection_day"] == "2026-03-09"


def test_a_map_point_alone_is_not_enough_where_the_form_needs_a_home(client, offered, api_key):
    body = fly_tipping_report(api_key, service_code="report-missed-bin")

    response = post(client, body)

    assert response.status_code == 400
    assert any(error["description"].startswith("address_id: ") for error in response.json())


def test_a_post_without_an_api_key_is_403(client, offered):
    response = post(client, fly_tipping_report(""))

    assert response.status_code == 403
    assert response.json()[0]["code"] == 403
    assert not Case.objects.exists()


def test_a_revoked_or_made_up_api_key_is_403(client, offered):
    response = post(client, fly_tipping_report("ocx_not-a-token"))

    assert response.status_code == 403


def test_a_token_of_an_account_that_is_no_partner_system_cannot_post(client, offered):
    officer_key = issue_token(
        actor=SERVER_OPERATOR, user=UserFactory(role=Role.CASEWORKER), name="An officer's script"
    )

    response = post(client, fly_tipping_report(officer_key))

    assert response.status_code == 403
    assert not Case.objects.exists()


def test_an_unknown_service_code_is_404_and_a_missing_one_400(client, offered, api_key):
    assert (
        post(client, fly_tipping_report(api_key, service_code="pay-council-tax")).status_code == 404
    )
    assert post(client, fly_tipping_report(api_key, service_code=None)).status_code == 400


def test_no_location_at_all_is_400(client, offered, api_key):
    response = post(client, fly_tipping_report(api_key, lat=None, long=None))

    assert response.status_code == 400
    assert "lat and long" in response.json()[0]["description"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lat", "north"),
        ("lat", "91"),
        ("long", "inf"),
        ("media_url", "javascript:alert(1)"),
        ("email", "not an email"),
        ("description", "x" * 4001),
    ],
)
def test_a_field_that_is_wrong_is_named_in_a_400(client, offered, api_key, field, value):
    response = post(client, fly_tipping_report(api_key, **{field: value}))

    assert response.status_code == 400
    assert field in response.json()[0]["description"]
    assert not Case.objects.exists()


def test_a_nul_byte_is_refused_before_the_endpoint(client, offered, api_key):
    response = post(client, fly_tipping_report(api_key, description="bad\x00text"))

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_get_with_the_wrong_method_is_405_in_the_error_shape(client, offered):
    response = client.delete(f"{BASE}/services.json")

    assert response.status_code == 405
    assert response.json()[0]["code"] == 405


# ---- reading back ------------------------------------------------------------------------------


def test_a_request_reads_back_in_the_specifications_shape(client, offered, a_tuesday, api_key):
    reference = post(client, fly_tipping_report(api_key)).json()[0]["service_request_id"]

    response = client.get(f"{BASE}/requests/{reference}.json", {"api_key": api_key})

    assert response.status_code == 200
    [request] = response.json()
    case = Case.objects.get(reference=reference)
    assert request["service_request_id"] == reference
    assert request["status"] == "open"
    assert request["status_notes"] == "Received"
    assert request["service_code"] == "report-fly-tipping"
    assert request["agency_responsible"] == case.team.name
    assert request["requested_datetime"] == "2026-03-10T10:00:00+00:00"
    assert request["expected_datetime"] == f"{case.due_on.isoformat()}T23:59:59+00:00"
    assert request["lat"] == 51.752021
    assert request["media_url"].endswith("1001.0.full.jpeg")
    assert "A mattress" in request["description"]


def test_a_control_character_a_partner_sent_never_breaks_the_xml_feed(client, offered, api_key):
    # XML 1.0 cannot carry most C0 controls even escaped; the feed leaves them out rather than
    # become unreadable to every client for the whole 90-day window.
    report = fly_tipping_report(api_key, description="Bags\x0b by the\x1b bus stop\tand a sofa")
    reference = post(client, report).json()[0]["service_request_id"]

    response = client.get(f"{BASE}/requests/{reference}.xml", {"api_key": api_key})

    description = parse_xml(response.content).findtext("request/description")
    assert "Bags by the bus stop\tand a sofa" in description


def test_anybody_else_reads_it_without_what_the_resident_wrote_or_where(client, offered, api_key):
    reference = post(client, fly_tipping_report(api_key)).json()[0]["service_request_id"]
    other_partner = UserFactory(role=Role.PARTNER)
    other_key = issue_token(actor=SERVER_OPERATOR, user=other_partner, name="Another app")

    for params in ({}, {"api_key": other_key}):
        [request] = client.get(f"{BASE}/requests/{reference}.json", params).json()
        assert request["status"] == "open"
        for personal in (
            "description",
            "address",
            "address_id",
            "zipcode",
            "lat",
            "long",
            "media_url",
        ):
            assert request[personal] is None, personal
        assert "ada@example.org" not in str(request)
        assert "Resident" not in str(request)


def test_the_list_filters_by_id_service_and_status(client, offered, api_key):
    first = post(client, fly_tipping_report(api_key)).json()[0]["service_request_id"]
    second = post(client, fly_tipping_report(api_key, description="Tyres")).json()[0][
        "service_request_id"
    ]

    by_id = client.get(f"{BASE}/requests.json", {"service_request_id": f"{first},{second}"})
    assert {r["service_request_id"] for r in by_id.json()} == {first, second}
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"})
    assert closed.json() == []
    by_code = client.get(f"{BASE}/requests.json", {"service_code": "report-missed-bin"})
    assert by_code.json() == []
    everything = client.get(f"{BASE}/requests.xml")
    root = parse_xml(everything.content)
    assert root.tag == "service_requests"
    assert len(root.findall("request")) == 2


def test_a_range_longer_than_90_days_or_a_bad_date_is_400(client, offered):
    too_long = client.get(
        f"{BASE}/requests.json",
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
    )
    assert too_long.status_code == 400
    assert client.get(f"{BASE}/requests.json", {"start_date": "last week"}).status_code == 400
    assert client.get(f"{BASE}/requests.json", {"status": "pending"}).status_code == 400


@pytest.mark.parametrize(
    "query", [{"end_date": "0001-01-01T00:00:00Z"}, {"start_date": "9999-12-31T00:00:00Z"}]
)
def test_a_date_at_the_ends_of_the_calendar_is_a_400_in_the_error_shape(client, offered, query):
    response = client.get(f"{BASE}/requests.json", query)
    assert response.status_code == 400
    assert "between 1970 and 9000" in response.json()[0]["description"]


def test_an_unknown_request_is_404(client, offered):
    response = client.get(f"{BASE}/requests/SR-NOPE.xml")

    assert response.status_code == 404
    assert parse_xml(response.content).findtext("error/code") == "404"


def test_reading_is_rate_limited(client, offered, monkeypatch):
    monkeypatch.setattr(views, "READS_PER_WINDOW", 3)

    codes = [client.get(f"{BASE}/services.json").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    assert client.get(f"{BASE}/services.json").json()[0]["code"] == 429


def test_posting_is_rate_limited(client, offered, api_key, monkeypatch):
    monkeypatch.setattr(views, "POSTS_PER_WINDOW", 2)

    codes = [
        post(client, fly_tipping_report(api_key, description=f"Report {n}")).status_code
        for n in range(3)
    ]

    assert codes == [200, 200, 429]
    assert Case.objects.count() == 2
