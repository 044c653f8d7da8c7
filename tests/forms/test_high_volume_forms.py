"""The most used online services, filled in through the real pages as a resident does: each
becomes a case on its service, for the team the catalogue gives it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opencex.cases.models import Case, CaseKind
from tests.factories import ServiceFactory, TeamFactory
from tests.forms.conftest import CONTACT, FormWalker, date_parts, fill_in

pytestmark = pytest.mark.django_db

# Services as the demo catalogue has them: slug, team.
SERVICES = {
    "tell-us-you-are-moving": "council-tax",
    "report-noise-nuisance": "environmental-protection",
    "report-abandoned-vehicle": "environmental-enforcement",
    "buy-car-park-season-ticket": "parking-services",
    "report-rats-or-mice": "pest-control",
}

ADDRESS = {
    "line_1": "12 Cowley Road",
    "town": "Oxford",
    "manual_postcode": "OX4 1HR",
}


def _address(question: str) -> dict[str, str]:
    return {f"{question}-{part}": value for part, value in ADDRESS.items()}


@pytest.fixture
def services(db):
    from opencex.forms.loading import sync_form_definitions

    made = {
        slug: ServiceFactory(slug=slug, team=TeamFactory(slug=team), case_kind="service_request")
        for slug, team in SERVICES.items()
    }
    sync_form_definitions()
    return made


def _sent(client, slug: str, pages) -> Case:
    walker = FormWalker(client, slug)
    fill_in(walker, pages)
    response = walker.submit()
    assert response.status_code == 302, response.content.decode()[:3000]
    return Case.objects.get(service__slug=slug)


@time_machine.travel(dt.datetime(2027, 3, 10, 10, tzinfo=dt.UTC))
def test_moving_within_oxford_is_a_case_for_council_tax(client, services):
    today = timezone.localdate()
    case = _sent(
        client,
        "tell-us-you-are-moving",
        [
            ("move", {"leaving": "yes", "arriving": "yes"}),
            (
                "old-address",
                {**_address("old_address"), **date_parts("move_out_date", today), "account": ""},
            ),
            (
                "new-address",
                {
                    **_address("new_address"),
                    "new_address-line_1": "3 Iffley Road",
                    **date_parts("move_in_date", today),
                    "tenure": "rent_private",
                },
            ),
            ("who-lives-there", {"adults": "2", "other_adults": "Sam Haddad"}),
            ("contact", CONTACT),
        ],
    )

    assert case.team == services["tell-us-you-are-moving"].team
    assert case.kind == CaseKind.SERVICE_REQUEST
    assert case.subject == "Moving home: Amira Haddad"
    assert "3 Iffley Road" in case.description
    # Moving within Oxford asks for no forwarding address.
    assert "Where should we send your final bill?" not in case.description


@time_machine.travel(dt.datetime(2027, 3, 10, 10, tzinfo=dt.UTC))
def test_a_noise_report_with_its_diary_is_a_case_for_environmental_protection(client, services):
    case = _sent(
        client,
        "report-noise-nuisance",
        [
            ("noise", {"noise_type": "music"}),
            ("source", {"source-description": "The flat above mine, 14 Cowley Road"}),
            ("when", {"when": ["night"], "how_often": "often", "ongoing": "yes"}),
            ("diary", {"diary": "Fri 5 March, 11pm to 3am: loud music.", "spoken": "no"}),
            ("your-address", _address("address")),
            ("contact", CONTACT),
        ],
    )

    assert case.team == services["report-noise-nuisance"].team
    assert case.subject == "Noise (Music, TV or parties): The flat above mine, 14 Cowley Road"
    assert "Fri 5 March, 11pm to 3am: loud music." in case.description


@time_machine.travel(dt.datetime(2027, 3, 10, 10, tzinfo=dt.UTC))
def test_an_abandoned_vehicle_is_a_case_for_enforcement_and_its_registration_is_checked(
    client, services
):
    walker = FormWalker(client, "report-abandoned-vehicle")
    walker.start()
    walker.answer("location", {"location-description": "Outside 40 Marston Road"})
    walker.answer("vehicle", {"make_model": "Ford Fiesta", "colour": "Red", "has_plates": "yes"})
    wrong = walker.answer("registration", {"registration": "my car"})
    assert wrong.status_code == 200
    assert "Enter a registration number in the correct format" in wrong.content.decode()

    case = _sent(
        client,
        "report-abandoned-vehicle",
        [
            ("location", {"location-description": "Outside 40 Marston Road"}),
            ("vehicle", {"make_model": "Ford Fiesta", "colour": "Red", "has_plates": "yes"}),
            ("registration", {"registration": "AB12 CDE"}),
            ("condition", {"how_long": "month", "condition": ["untaxed", "flat_tyres"]}),
            ("photo", {}),
            ("contact", CONTACT),
        ],
    )

    assert case.team == services["report-abandoned-vehicle"].team
    assert case.subject == "Abandoned vehicle: Red Ford Fiesta at Outside 40 Marston Road"
    assert "AB12 CDE" in case.description


@time_machine.travel(dt.datetime(2027, 3, 10, 10, tzinfo=dt.UTC))
def test_a_season_ticket_application_is_a_case_for_parking_services(client, services):
    start = timezone.localdate() + dt.timedelta(days=21)
    case = _sent(
        client,
        "buy-car-park-season-ticket",
        [
            ("car-park", {"car_park": "Gloucester Green", "length": "month"}),
            ("vehicle", {"registration": "AB12 CDE", "make_model": ""}),
            ("start-date", date_parts("start_date", start)),
            ("applicant", {"business": ""}),
            ("contact", CONTACT),
        ],
    )

    assert case.team == services["buy-car-park-season-ticket"].team
    assert case.subject.startswith("Car park season ticket: AB12 CDE at Gloucester Green from ")


@time_machine.travel(dt.datetime(2027, 3, 10, 10, tzinfo=dt.UTC))
def test_asking_for_pest_control_is_a_service_request_for_the_pest_control_team(client, services):
    case = _sent(
        client,
        "report-rats-or-mice",
        [
            ("address", {**_address("address"), "where": "outside"}),
            ("problem", {"pest": "rats", "signs": ["droppings"], "how_long": "weeks"}),
            ("visit", {"best_times": ["morning"], "benefits": "no"}),
            ("contact", CONTACT),
        ],
    )

    assert case.team == services["report-rats-or-mice"].team
    assert case.kind == CaseKind.SERVICE_REQUEST
