"""A case's `answers` through the API are checked against the service's form, exactly as its
pages check them (forms.answers.check_answers), or refused with an error for each answer."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from opencex.cases.models import Case
from opencex.forms.loading import sync_form_definitions
from tests.api.conftest import case_request, field_errors, open_case_via_api
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _a_tuesday():
    with time_machine.travel("2026-03-10 10:00 +00:00", tick=False):
        yield


@pytest.fixture
def missed_bin(db):
    service = ServiceFactory(slug="report-missed-bin", case_kind="service_request")
    sync_form_definitions()
    return service


def missed_bin_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "address": {"line_1": "1 High Street", "town": "Oxford", "postcode": "ox1 1bx"},
        "bins": ["recycling"],
        "collection_day": "2026-03-09",
        "name": "Ada Resident",
        "email": "ada@example.org",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def open_with_answers(client, answers, **overrides):
    body = case_request(service="report-missed-bin", answers=answers, **overrides)
    return open_case_via_api(client, body)


def test_answers_that_pass_the_forms_checks_are_kept_as_the_form_keeps_them(client, missed_bin):
    response = open_with_answers(client, missed_bin_answers())

    assert response.status_code == 201, response.json()
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.answers["address"]["postcode"] == "OX1 1BX"
    assert case.answers["bins"] == ["recycling"]
    assert case.answers["collection_day"] == "2026-03-09"


def test_an_answer_to_a_question_the_form_does_not_ask_is_refused(client, missed_bin):
    response = open_with_answers(client, missed_bin_answers(colour="green"))

    assert response.status_code == 422
    assert "no question 'colour'" in field_errors(response)["answers.colour"]


def test_an_answer_of_the_wrong_type_is_refused_with_the_shape_it_needs(client, missed_bin):
    response = open_with_answers(client, missed_bin_answers(bins="recycling"))

    assert response.status_code == 422
    assert "a list of the options' values" in field_errors(response)["answers.bins"]


def test_each_wrong_answer_gets_the_forms_own_message(client, missed_bin):
    answers = missed_bin_answers(bins=["compost"], collection_day="2026-03-31", email="ada")

    response = open_with_answers(client, answers)

    errors = field_errors(response)
    assert response.status_code == 422
    assert errors["answers.bins"] == "Select from the options given"
    assert errors["answers.collection_day"] == "The collection date must be today or in the past"
    assert "correct format" in errors["answers.email"]


def test_a_required_answer_left_out_is_refused(client, missed_bin):
    response = open_with_answers(client, missed_bin_answers(name=None))

    assert response.status_code == 422
    assert "answers.name" in field_errors(response)


def test_a_question_the_answers_hide_is_asked_only_when_shown(client, missed_bin):
    garden = missed_bin_answers(bins=["garden"])

    assert "answers.garden_sticker" in field_errors(open_with_answers(client, garden))
    garden["garden_sticker"] = "yes"
    assert open_with_answers(client, garden).status_code == 201


def test_answers_without_a_service_that_has_a_form_are_refused(client, missed_bin):
    response = open_case_via_api(client, case_request(answers={"anything": "at all"}))

    assert response.status_code == 422
    assert "Leave answers out" in field_errors(response)["answers"]
