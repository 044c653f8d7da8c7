"""POST /api/v1/cases triages the homelessness form's answers as the web form does."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from opencex.cases.models import Case, Priority
from tests.api.conftest import case_request, open_case_via_api
from tests.forms.conftest import CONTACT

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC)


def test_nowhere_safe_tonight_through_the_api_is_urgent_with_the_note_for_the_officer(
    housing_forms,
):
    answers = {"safe_tonight": "no", **CONTACT}
    body = case_request(service="get-help-at-risk-of-homelessness", answers=answers)
    with time_machine.travel(NOW, tick=False):
        response = open_case_via_api(Client(), body)
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.priority == Priority.URGENT
    assert case.team.slug == "housing-options"
    assert case.answers["triage"]["outcome"] == "urgent"
    assert case.events.filter(summary__startswith="Homelessness triage: urgent").count() == 1
