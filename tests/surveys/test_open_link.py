"""An open-link survey cannot be stuffed (a rate limit on starting, no TSM survey open to
anyone) and a survey that cannot be answered says so instead of failing."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from opencex.forms.models import FormVersion
from opencex.surveys import services
from opencex.surveys.models import Invitation, Survey
from tests.factories import ResidentFactory
from tests.surveys.conftest import open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_starting_an_open_link_survey_is_rate_limited():
    survey = open_survey(audience="open_link", title="Parks survey")
    start = reverse("web:survey-open", args=[survey.pk])
    for _ in range(10):
        assert Client().post(start).status_code == 302  # a new browser each time
    refused = Client().post(start)
    assert refused.status_code == 429
    assert "govuk-error-summary" in refused.content.decode()
    assert Invitation.objects.filter(survey=survey).count() == 10


def test_the_open_link_carries_the_invitations_signed_token(client):
    survey = open_survey(audience="open_link", title="Parks survey")
    started = client.post(reverse("web:survey-open", args=[survey.pk]))
    invitation = Invitation.objects.get(survey=survey)
    assert started["Location"] == reverse(
        "web:survey", args=[services.invitation_token(invitation)]
    )


def test_a_tsm_survey_cannot_be_open_to_anyone_with_the_link(client):
    with pytest.raises(services.SurveyError):
        open_survey("tenant-satisfaction", audience="open_link")
    # One made open some other way (before the check, or in the database) cannot be started.
    survey = open_survey("tenant-satisfaction", opens_on=dt.date(2026, 10, 1))
    Survey.objects.filter(pk=survey.pk).update(audience="open_link")
    survey.refresh_from_db()
    with pytest.raises(services.SurveyError):
        services.start_open_response(survey=survey, language="en")
    assert client.post(reverse("web:survey-open", args=[survey.pk])).status_code == 404
    assert not Invitation.objects.exists()


def _unpublish(survey):
    FormVersion.objects.filter(definition=survey.form).update(published_at=None)
    assert survey.form.current_version() is None


def test_a_survey_with_no_published_form_says_so(client):
    survey = open_survey(audience="open_link", title="Parks survey")
    invited = open_survey(title="Panel survey")
    invitation = services.invite(survey=invited, resident=ResidentFactory())
    _unpublish(survey)
    _unpublish(invited)
    path = services.invitation_link(invitation).split("/surveys/", 1)[1]
    for url in (
        reverse("web:survey-open", args=[survey.pk]),
        f"/surveys/{path}",
        f"/surveys/{path}check-your-answers/",
    ):
        response = client.get(url)
        assert response.status_code == 410, url
        assert "This survey is closed" in response.content.decode()


def test_a_page_sent_after_another_tab_sent_the_survey_says_it_was_answered(client, monkeypatch):
    survey = open_survey(title="Panel survey")
    invitation = services.invite(survey=survey, resident=ResidentFactory())
    page = survey.form.current_version().schema["pages"][0]
    url = services.invitation_link(invitation).split("/surveys/", 1)[1]
    first_page = f"/surveys/{url}{page['id']}/"
    assert client.get(first_page).status_code == 200
    save_page = services.save_page

    def another_tab_sends_first(**kwargs):
        # The other tab sends the survey between this page's checks and its save.
        services.submit_response(invitation=Invitation.objects.get(), language="en")
        return save_page(**kwargs)

    monkeypatch.setattr(services, "save_page", another_tab_sends_first)
    response = client.post(first_page, {"overall_satisfaction": "neither"})
    assert response.status_code == 200
    assert "You have already answered this survey" in response.content.decode()
