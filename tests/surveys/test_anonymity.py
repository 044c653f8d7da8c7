"""An anonymous survey's answers cannot be traced back to the person: not by the moment they
were sent, not in the admin, not by the strata of an exported row."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.surveys import services
from opencex.surveys.models import Invitation, Response, Survey
from tests.factories import UserFactory
from tests.surveys.conftest import member, open_survey

pytestmark = pytest.mark.django_db
AFTERNOON = dt.datetime(2026, 12, 1, 14, 37, 12, tzinfo=dt.UTC)
MIDNIGHT = dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)  # London is on GMT in December


def _answer(survey, invitation):
    services.save_page(
        invitation=invitation,
        page=survey.form.current_version().schema["pages"][0],
        posted={"overall_satisfaction": "neither"},
    )
    with time_machine.travel(AFTERNOON, tick=False):
        return services.submit_response(invitation=invitation, language="en")


def test_an_anonymous_response_and_its_invitation_keep_only_the_day(panel, panel_survey):
    invitation = services.invite(
        survey=panel_survey, resident=member(panel, ward="Carfax").resident
    )
    response = _answer(panel_survey, invitation)
    invitation.refresh_from_db()
    assert response.submitted_at == MIDNIGHT
    assert invitation.answered_at == MIDNIGHT
    assert response.invitation is None


def test_a_named_survey_keeps_the_moment(panel):
    survey = open_survey(is_anonymous=False)
    invitation = services.invite(survey=survey, resident=member(panel).resident)
    assert _answer(survey, invitation).submitted_at == AFTERNOON


def test_the_admin_cannot_change_anonymity_audience_or_status_nor_show_when_answered(
    panel_survey,
):
    request = RequestFactory().get("/")
    request.user = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    survey_admin = site._registry[Survey]
    read_only = survey_admin.get_readonly_fields(request, panel_survey)
    assert {"is_anonymous", "status", "audience"} <= set(read_only)
    invitation_admin = site._registry[Invitation]
    assert "answered_at" not in invitation_admin.get_list_display(request)
    assert "answered_at" not in invitation_admin.get_form(request).base_fields


def _csv(survey):
    manager = UserFactory(role=Role.TEAM_MANAGER)
    from django.test import Client

    client = Client()
    client.force_login(manager)
    response = client.get(reverse("staff:survey-results-csv", args=[survey.pk]))
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("anonymous", [True, False])
def test_the_row_export_has_the_strata_only_for_a_named_survey(panel, anonymous):
    survey = open_survey(is_anonymous=anonymous)
    joined = member(panel, ward="Carfax", age_band="25_34")
    invitation = services.invite(survey=survey, resident=joined.resident, membership=joined)
    _answer(survey, invitation)
    rows = _csv(survey)
    assert ("ward" in rows[0]) is not anonymous
    assert ("Carfax" in rows[1]) is not anonymous
    assert int(rows[1][0]) == Response.objects.get(survey=survey).pk
