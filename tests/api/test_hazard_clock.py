"""POST /api/v1/cases chooses a repair's clock from its answers exactly as the web form does
(`forms.services.clock_for`, the one function both call): a gas smell is the 24-hour emergency
hazard, damp and mould a significant one, an urgent repair the 3 working days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from opencex.accounts.models import Role
from opencex.cases.models import Case
from opencex.forms.loading import sync_form_definitions
from tests.api.conftest import case_request, open_case_via_api, signed_in_client
from tests.cases.conftest import LONDON
from tests.factories import CaseFactory, ServiceFactory, TeamFactory
from tests.forms.conftest import FormWalker, fill_in

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE_NIGHT = dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON)
CONTACT = {"name": "Amira Haddad", "email": "amira@example.org", "phone": "07700 900 982"}


@pytest.fixture
def repairs(db):
    team = TeamFactory(slug="housing-repairs", name="Housing Repairs")
    for slug, days in (("report-housing-repair", 20), ("report-damp-and-mould", 10)):
        ServiceFactory(slug=slug, team=team, standard_days=days, is_landlord_function=True)
    sync_form_definitions()


def _answers(gas="no", problem="leak", urgency="routine", health="no") -> dict[str, Any]:
    """Every answer to the housing repair form, as its own answer values."""
    answers: dict[str, Any] = {
        "gas_smell": gas,
        "address": {"line_1": "4 Pegasus Road", "town": "Oxford", "postcode": "OX4 6DS"},
        "problem": problem,
        "description": "Water through the ceiling.",
        "urgency": urgency,
        "access_times": ["any"],
        **{"name": CONTACT["name"], "email": CONTACT["email"], "phone": CONTACT["phone"]},
    }
    if problem == "damp_mould":
        answers |= {"damp_rooms": ["bedroom"], "damp_health": health}
    return answers


def _pages(answers: dict[str, Any]) -> list[tuple[str, dict]]:
    """The same answers as the form's pages post them."""
    address = answers["address"]
    pages = [
        ("gas", {"gas_smell": answers["gas_smell"]}),
        (
            "address",
            {
                "address-line_1": address["line_1"],
                "address-town": address["town"],
                "address-manual_postcode": address["postcode"],
            },
        ),
        ("problem", {"problem": answers["problem"]}),
    ]
    if answers["problem"] == "damp_mould":
        pages.append(
            ("damp-and-mould", {key: answers[key] for key in ("damp_rooms", "damp_health")})
        )
    return [
        *pages,
        ("describe", {"description": answers["description"]}),
        ("urgency", {"urgency": answers["urgency"]}),
        ("access", {"access_times": answers["access_times"]}),
        ("contact", CONTACT),
    ]


def _by_api(answers: dict[str, Any]) -> Case:
    body = case_request(service="report-housing-repair", answers=answers)
    with time_machine.travel(CHRISTMAS_EVE_NIGHT, tick=False):
        response = open_case_via_api(Client(), body)
    assert response.status_code == 201, response.content
    return Case.objects.get(reference=response.json()["reference"])


def _by_web_form(answers: dict[str, Any]) -> Case:
    walker = FormWalker(Client(), "report-housing-repair")
    with time_machine.travel(CHRISTMAS_EVE_NIGHT, tick=False):
        fill_in(walker, _pages(answers))
        walker.submit()
    return Case.objects.latest("pk")


def test_a_gas_smell_sent_through_the_api_is_the_24_hour_emergency_hazard(repairs):
    case = _by_api(_answers(gas="yes"))

    assert case.hazard_class == "emergency"
    assert case.due_at == dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)


def test_the_api_tells_a_partner_the_hour_an_emergency_is_due_and_null_for_a_day_clock(repairs):
    body = case_request(service="report-housing-repair", answers=_answers(gas="yes"))
    with time_machine.travel(CHRISTMAS_EVE_NIGHT, tick=False):
        created = open_case_via_api(Client(), body).json()
        routine = open_case_via_api(
            Client(), case_request(service="report-housing-repair", answers=_answers())
        ).json()

    assert dt.datetime.fromisoformat(created["due_at"]) == dt.datetime(
        2026, 12, 25, 21, 30, tzinfo=LONDON
    )
    assert created["due_at"].startswith("2026-12-25T21:30:00")  # UK time, as the resident is told
    assert routine["due_at"] is None


def test_a_case_read_through_the_api_gives_its_hour_in_uk_summer_time():
    case = CaseFactory(
        due_on=dt.date(2026, 7, 3), due_at=dt.datetime(2026, 7, 3, 21, 30, tzinfo=LONDON)
    )
    client, _ = signed_in_client(Role.ADMINISTRATOR)

    body = client.get(f"/api/v1/cases/{case.reference}").json()

    assert body["due_at"] == "2026-07-03T21:30:00+01:00"
    assert body["due_on"] == "2026-07-03"


@pytest.mark.parametrize(
    "answers",
    [
        _answers(gas="yes"),
        _answers(urgency="emergency"),
        _answers(problem="damp_mould", urgency="urgent", health="yes"),
        _answers(problem="damp_mould"),
        _answers(urgency="urgent"),
        _answers(),
    ],
    ids=["gas", "emergency", "damp-with-health-risk", "damp", "urgent", "routine"],
)
def test_the_api_and_the_web_form_choose_the_same_clock_for_the_same_answers(repairs, answers):
    by_api, by_web_form = _by_api(answers), _by_web_form(answers)

    assert (by_api.hazard_class, by_api.standard_days, by_api.due_at) == (
        by_web_form.hazard_class,
        by_web_form.standard_days,
        by_web_form.due_at,
    )


def test_a_service_without_a_form_keeps_its_own_standard(repairs):
    ServiceFactory(slug="report-pothole", standard_days=5)
    body = case_request(service="report-pothole")

    with time_machine.travel(CHRISTMAS_EVE_NIGHT, tick=False):
        reference = open_case_via_api(Client(), body).json()["reference"]

    assert Case.objects.get(reference=reference).hazard_class == ""


def test_damp_and_mould_sent_through_the_api_lands_on_its_own_service_and_clock(repairs):
    body = case_request(service="report-housing-repair", answers=_answers(problem="damp_mould"))
    with time_machine.travel(dt.datetime(2026, 12, 18, 10, tzinfo=LONDON), tick=False):
        response = open_case_via_api(Client(), body)
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])

    assert case.service.slug == "report-damp-and-mould"  # the form's kind_from, as on the web
    assert case.hazard_class == "significant"
    assert case.due_on == dt.date(2027, 1, 6)  # RULES.md: reported Friday 18 December 2026


@pytest.mark.parametrize("problem", ["damp_mould", "leak"])
def test_the_api_and_the_web_form_file_the_same_answers_under_the_same_service(repairs, problem):
    answers = _answers(problem=problem)

    by_api, by_web_form = _by_api(answers), _by_web_form(answers)

    assert (by_api.kind, by_api.service_id) == (by_web_form.kind, by_web_form.service_id)
