"""Which ombudsman a complaint goes to (RULES.md: the Housing Ombudsman for the council as a
landlord, the Local Government and Social Care Ombudsman otherwise) and their details as data."""

from __future__ import annotations

import dataclasses

import pytest

from opencex.complaints.ombudsmen import _data, ombudsman, ombudsman_for
from opencex.complaints.selectors import ombudsman_for_case
from tests.complaints.conftest import complain

pytestmark = pytest.mark.django_db


def test_a_complaint_about_a_landlord_service_goes_to_the_housing_ombudsman():
    assert ombudsman_for(is_about_landlord_function=True).name == "Housing Ombudsman Service"


def test_a_complaint_about_any_other_service_goes_to_the_lgsco():
    chosen = ombudsman_for(is_about_landlord_function=False)

    assert chosen.name == "Local Government and Social Care Ombudsman"


def test_a_council_that_is_not_a_landlord_always_names_the_lgsco(settings):
    settings.COUNCIL_PROFILE = dataclasses.replace(settings.COUNCIL_PROFILE, is_landlord=False)

    assert ombudsman_for(is_about_landlord_function=True).slug == "lgsco"


def test_a_welsh_council_names_the_public_services_ombudsman_for_wales(settings):
    settings.OPENCEX_COMPLAINTS_JURISDICTION = "wales"

    assert ombudsman_for(is_about_landlord_function=True).slug == "pso-wales"
    assert ombudsman_for(is_about_landlord_function=False).slug == "pso-wales"


@pytest.mark.parametrize("slug", sorted(_data()["ombudsmen"]))
def test_every_ombudsman_has_a_phone_number_website_and_postal_address(slug):
    details = ombudsman(slug)

    assert details.phone.startswith("0300 ")
    assert details.website.startswith("https://")
    assert len(details.address) >= 3
    assert any(line.startswith("Post: ") for line in details.contact_lines)


def test_every_jurisdiction_names_ombudsmen_that_exist():
    data = _data()
    for choice in data["jurisdictions"].values():
        assert {choice["landlord"], choice["other"]} <= set(data["ombudsmen"])


def test_a_complaint_about_a_repair_request_goes_to_the_housing_ombudsman(
    complaints_service, repairs
):
    case = complain(service=complaints_service, about=repairs)

    assert ombudsman_for_case(case).slug == "housing-ombudsman"


def test_a_complaint_about_a_missed_bin_goes_to_the_lgsco(complaints_service, waste):
    case = complain(service=complaints_service, about=waste)

    assert ombudsman_for_case(case).slug == "lgsco"


@pytest.mark.parametrize(("answer", "slug"), [("yes", "housing-ombudsman"), ("no", "lgsco")])
def test_with_no_service_known_the_residents_answer_about_their_council_home_decides(
    complaints_service, answer, slug
):
    case = complain(service=complaints_service, answers={"council_home": answer})

    assert ombudsman_for_case(case).slug == slug


def test_another_residents_reference_does_not_decide_the_ombudsman(complaints_service, repairs):
    someone_else = complain(service=complaints_service, about=repairs, email="bob@example.org")
    case = complain(
        service=complaints_service,
        answers={"reference": someone_else.answers["reference"], "council_home": "no"},
    )

    assert ombudsman_for_case(case).slug == "lgsco"


def test_the_answers_of_the_complaint_form_are_read_as_the_form_keeps_them(
    complaints_service, repairs
):
    earlier = complain(service=complaints_service, about=repairs).answers["reference"]
    case = complain(
        service=complaints_service,
        answers={
            "form": "make-complaint",
            "answers": [
                {"question": "reference", "label": "Reference number", "answer": earlier},
                {"question": "council_home", "label": "Is this about a home", "answer": "No"},
            ],
        },
    )

    assert ombudsman_for_case(case).slug == "housing-ombudsman"  # the repair, not the answer


def test_the_form_answer_yes_about_a_council_home_names_the_housing_ombudsman(
    complaints_service,
):
    case = complain(
        service=complaints_service,
        answers={"answers": [{"question": "council_home", "label": "Home", "answer": "Yes"}]},
    )

    assert ombudsman_for_case(case).slug == "housing-ombudsman"
