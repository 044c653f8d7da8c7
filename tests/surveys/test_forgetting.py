"""Leaving a panel and erasing a resident take their survey data with them; their subject
access export shows what the surveys hold."""

import datetime as dt
import io
import json
import zipfile

import pytest

from opencex.accounts.models import Role
from opencex.inforights.export import export_everything_about
from opencex.panels import services as panel_services
from opencex.retention.anonymising import anonymise_resident
from opencex.surveys import services
from opencex.surveys.models import Invitation, Response
from tests.factories import UserFactory
from tests.surveys.conftest import member, open_survey

pytestmark = pytest.mark.django_db
FIRST = {"overall_satisfaction": "neither"}


def _invited(survey, membership, *, answered=False, now=None):
    invitation = services.invite(
        survey=survey, resident=membership.resident, membership=membership, now=now
    )
    services.save_page(
        invitation=invitation,
        page=survey.form.current_version().schema["pages"][0],
        posted=FIRST,
    )
    if answered:
        services.submit_response(invitation=invitation, language="en")
    invitation.refresh_from_db()
    return invitation


def test_leaving_the_panel_blanks_the_strata_and_unsent_answers(panel):
    joined = member(panel, ward="Carfax", age_band="25_34", tenure="owned")
    invitation = _invited(open_survey(), joined)
    assert (invitation.ward, invitation.answers) == ("Carfax", FIRST)

    panel_services.leave_panel(actor=None, membership=joined, reason="test")

    invitation.refresh_from_db()
    assert (invitation.age_band, invitation.ward, invitation.tenure) == ("", "", "")
    assert invitation.answers == {}
    assert invitation.pages_done == []


def test_erasing_the_resident_detaches_them_from_their_invitations_and_named_answers(panel):
    joined = member(panel, ward="Carfax")
    # Invited in the summer to a survey still open, not answered yet.
    summer = open_survey(title="Summer survey", opens_on=dt.date(2026, 8, 1))
    waiting = _invited(summer, joined, now=dt.datetime(2026, 8, 20, 10, tzinfo=dt.UTC))
    named = open_survey(is_anonymous=False, title="Named survey")
    sent = _invited(named, joined, answered=True)
    resident = joined.resident

    anonymise_resident(resident, because="test")

    assert not Invitation.objects.filter(resident=resident).exists()
    for invitation in (sent, waiting):
        invitation.refresh_from_db()
        assert invitation.resident is None
        assert invitation.membership is None
        assert invitation.ward == ""
        assert invitation.answers == {}
    response = Response.objects.get(survey=named)
    assert response.invitation is None
    assert response.ward == ""
    assert response.answers == FIRST  # the answers stay, without the person


def test_the_subject_access_export_holds_the_survey_invitations(panel):
    joined = member(panel, ward="Carfax")
    named = open_survey(is_anonymous=False, title="Named survey")
    _invited(named, joined, answered=True)
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, password=None)
    export = export_everything_about(actor=officer, resident=joined.resident)
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    [name] = [n for n in archive.namelist() if n.endswith("/surveys.json")]
    [held] = json.loads(archive.read(name))
    assert held["survey"] == "Named survey"
    assert held["ward"] == "Carfax"
    assert held["answered"] is True
    assert held["your_answers"] == FIRST
