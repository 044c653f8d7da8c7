"""GET services and GET services/{code}: the offered services, and each one's definition built
from its form's questions, in JSON and XML as the specification shows them."""

from __future__ import annotations

import pytest

from tests.open311.conftest import BASE, JURISDICTION, parse_xml

pytestmark = pytest.mark.django_db


def test_the_service_list_offers_the_services_with_a_live_request_form(client, offered):
    response = client.get(f"{BASE}/services.json", {"jurisdiction_id": JURISDICTION})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    services = {service["service_code"]: service for service in response.json()}
    assert set(services) == {"report-fly-tipping", "report-missed-bin"}
    fly_tipping = services["report-fly-tipping"]
    assert fly_tipping["service_name"] == "Report fly-tipping"
    assert fly_tipping["metadata"] is True
    assert fly_tipping["type"] == "realtime"
    assert set(fly_tipping) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }


def test_the_service_list_in_xml_has_a_services_root_with_one_service_each(client, offered):
    response = client.get(f"{BASE}/services.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    root = parse_xml(response.content)
    assert root.tag == "services"
    codes = {service.findtext("service_code") for service in root.findall("service")}
    assert codes == {"report-fly-tipping", "report-missed-bin"}
    assert root.find("service/metadata").text == "true"


def test_a_definition_lists_the_forms_questions_as_typed_attributes_in_order(client, offered):
    response = client.get(f"{BASE}/services/report-fly-tipping.json")

    assert response.status_code == 200
    definition = response.json()
    assert definition["service_code"] == "report-fly-tipping"
    attributes = {attribute["code"]: attribute for attribute in definition["attributes"]}
    # The location, contact details and the photo are the specification's own fields.
    assert list(attributes) == ["what", "how_much", "hazard_details"]
    assert attributes["what"]["datatype"] == "multivaluelist"
    assert attributes["how_much"]["datatype"] == "singlevaluelist"
    assert attributes["hazard_details"]["datatype"] == "text"
    assert attributes["what"]["required"] is True
    # Asked only about something hazardous: required only then, and said so.
    assert attributes["hazard_details"]["required"] is False
    assert "attribute[what] is 'hazardous'" in attributes["hazard_details"]["datatype_description"]
    assert [attributes[code]["order"] for code in attributes] == [1, 2, 3]
    assert {"key": "furniture", "name": "Furniture or mattresses"} in attributes["what"]["values"]


def test_a_date_question_is_a_datetime_attribute_in_xml(client, offered):
    response = client.get(f"{BASE}/services/report-missed-bin.xml")

    root = parse_xml(response.content)
    assert root.tag == "service_definition"
    datatypes = {
        attribute.findtext("code"): attribute.findtext("datatype")
        for attribute in root.findall("attributes/attribute")
    }
    assert datatypes["collection_day"] == "datetime"
    assert datatypes["bins"] == "multivaluelist"
    assert "address" not in datatypes  # answered by address_id
    values = root.findall("attributes/attribute[code='bins']/values/value")
    assert values
    assert values[0].findtext("key")
    assert values[0].findtext("name")


def test_an_unknown_service_code_is_404_in_the_error_shape(client, offered):
    response = client.get(f"{BASE}/services/pay-council-tax.json")

    assert response.status_code == 404
    [error] = response.json()
    assert error["code"] == 404
    assert "pay-council-tax" in error["description"]


def test_another_jurisdiction_is_not_found(client, offered):
    response = client.get(f"{BASE}/services.xml", {"jurisdiction_id": "cambridge.gov.uk"})

    assert response.status_code == 404
    root = parse_xml(response.content)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "404"
    assert root.findtext("error/description") == "jurisdiction_id provided was not found"


def test_an_address_under_the_endpoint_that_is_no_endpoint_answers_in_the_error_shape(client):
    response = client.get(f"{BASE}/discovery.json")

    assert response.status_code == 404
    assert response.json()[0]["code"] == 404


def test_the_service_list_costs_the_same_queries_however_many_forms_are_offered(
    offered, django_assert_num_queries
):
    from opencex.forms.services import publish_version
    from opencex.open311.offered import offered_services

    two = offered_services()
    assert [service.code for service in two] == ["report-missed-bin", "report-fly-tipping"]
    # A newer version of one form is the one offered, without a query of its own.
    form = two[1].form
    newer = publish_version(
        actor=None, definition=form, schema={**two[1].schema, "title": "Fly-tipping v2"}
    )
    with django_assert_num_queries(3):  # services, their forms, the forms' current versions
        found = offered_services()
    assert [service.form_version.pk for service in found][1] == newer.pk
    assert found[1].schema["title"] == "Fly-tipping v2"
