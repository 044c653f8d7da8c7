"""Running a survey from the staff pages: starting one (with the GOV.UK error summary for a bad
date, a close before the opening and a TSM survey open to anyone with the link), inviting a
sample of a panel (with the members left out by the council's limit counted), closing it, and
who may do each (surveys.policies.can_run_surveys). The day is pinned by the conftest (1
December 2026)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.surveys import services
from opencex.surveys.models import Audience, Invitation, Survey, SurveyStatus
from tests.factories import UserFactory
from tests.surveys.conftest import member, open_survey

pytestmark = pytest.mark.django_db
NEW = reverse("staff:survey-new")


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    return client


def _start(**changes) -> dict:
    data = {
        "definition": "residents-panel",
        "title": "Residents Panel winter survey",
        "purpose": "What residents think of our services",
        "audience": Audience.PANEL_SAMPLE,
        "opens_on-day": "1",
        "opens_on-month": "12",
        "opens_on-year": "2026",
        "closes_on-day": "31",
        "closes_on-month": "12",
        "closes_on-year": "2026",
        "is_anonymous": "yes",
    }
    data.update(changes)
    return data


def _summary(text: str) -> str:
    """The GOV.UK error summary's list of errors."""
    return text.split("govuk-error-summary__list")[1].split("</ul>")[0]


def test_the_list_links_to_starting_a_survey_for_a_manager(manager):
    page = manager.get(reverse("staff:surveys"))
    assert f'href="{NEW}"' in page.content.decode()
    form = manager.get(NEW)
    assert form.status_code == 200
    text = form.content.decode()
    for slug in ("residents-panel", "after-your-case", "tenant-satisfaction"):
        assert f'value="{slug}"' in text
    assert 'name="csrfmiddlewaretoken"' in text


def test_a_manager_starts_a_survey_through_the_page(manager):
    response = manager.post(NEW, _start(is_anonymous="no"), follow=True)

    survey = Survey.objects.get()
    assert response.redirect_chain == [(reverse("staff:survey-results", args=[survey.pk]), 302)]
    assert (survey.title, survey.audience, survey.status) == (
        "Residents Panel winter survey",
        Audience.PANEL_SAMPLE,
        SurveyStatus.OPEN,
    )
    assert (survey.opens_on, survey.closes_on) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert survey.is_anonymous is False
    assert survey.form.slug == "survey-residents-panel"
    assert survey.created_by.role == Role.TEAM_MANAGER
    assert "Survey started: Residents Panel winter survey" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"opens_on-day": "31", "opens_on-month": "2"}, "Enter a real date, for example 9 2 2026"),
        ({"closes_on-year": ""}, "Enter the closing day&#x27;s day, month and year"),
        (
            {"closes_on-day": "30", "closes_on-month": "11"},
            "The closing day must be the same as or after the opening day",
        ),
        (
            {"definition": "tenant-satisfaction", "audience": Audience.OPEN_LINK},
            "A tenant satisfaction measures survey cannot be open to anyone with the link.",
        ),
        ({"title": "", "audience": "everyone"}, "Enter a title"),
    ],
)
def test_bad_input_gets_the_error_summary_and_starts_nothing(manager, changes, error):
    response = manager.post(NEW, _start(**changes))

    assert response.status_code == 400
    text = response.content.decode()
    assert error in _summary(text)
    assert "<title>Error:" in text
    assert not Survey.objects.exists()


def test_the_error_summary_links_to_the_day_box_of_a_bad_date(manager):
    text = manager.post(NEW, _start(**{"closes_on-month": "13"})).content.decode()
    assert '<a href="#closes_on-day">' in text
    assert 'id="closes_on-day"' in text


def test_a_manager_invites_a_sample_of_the_panel_through_the_page(manager, panel, panel_survey):
    members = [member(panel, email=f"m{n}@example.org", consents_to_email=True) for n in range(6)]
    # One was asked to another survey a week ago: the council's limit (90 days) leaves them out.
    services.invite(
        survey=open_survey(title="Autumn"),
        resident=members[0].resident,
        now=dt.datetime(2026, 11, 24, 10, tzinfo=dt.UTC),
    )
    results = reverse("staff:survey-results", args=[panel_survey.pk])
    page = manager.get(results).content.decode()
    assert reverse("staff:survey-invite", args=[panel_survey.pk]) in page
    assert reverse("staff:survey-close", args=[panel_survey.pk]) in page

    response = manager.post(
        reverse("staff:survey-invite", args=[panel_survey.pk]),
        {"panel": panel.pk, "size": "3"},
        follow=True,
    )

    assert response.redirect_chain == [(results, 302)]
    invited = Invitation.objects.filter(survey=panel_survey)
    assert invited.count() == 3
    assert members[0].resident_id not in {i.resident_id for i in invited}
    assert "Members invited: 3. Active members left out" in response.content.decode()
    assert "): 1." in response.content.decode()


def test_a_sample_too_small_or_not_a_number_gets_the_error_summary(manager, panel, panel_survey):
    member(panel)
    url = reverse("staff:survey-invite", args=[panel_survey.pk])
    for size, error in [("0", "The sample size must be 1 or more"), ("lots", "whole number")]:
        response = manager.post(url, {"panel": panel.pk, "size": size})
        assert response.status_code == 400
        assert error in _summary(response.content.decode())
    assert not Invitation.objects.exists()


def test_only_an_open_panel_sample_survey_can_be_sent_to_a_panel(manager, panel):
    member(panel)
    after_case = open_survey("after-your-case", audience=Audience.AFTER_CASE, title="After")
    url = reverse("staff:survey-invite", args=[after_case.pk])
    results = manager.get(reverse("staff:survey-results", args=[after_case.pk])).content.decode()
    assert url not in results
    response = manager.post(url, {"panel": panel.pk, "size": "1"})
    assert response.status_code == 400
    assert "Only an open survey of a panel sample can be sent to a panel." in _summary(
        response.content.decode()
    )
    assert not Invitation.objects.exists()


def test_a_manager_closes_a_survey_through_the_page(manager, panel_survey):
    response = manager.post(reverse("staff:survey-close", args=[panel_survey.pk]), follow=True)
    panel_survey.refresh_from_db()
    assert panel_survey.status == SurveyStatus.CLOSED
    text = response.content.decode()
    assert "Survey closed: no one can answer it now." in text
    assert reverse("staff:survey-close", args=[panel_survey.pk]) not in text


@pytest.mark.parametrize("role", [Role.INFORMATION_GOVERNANCE, Role.CASEWORKER])
def test_only_those_who_may_run_surveys_may_start_invite_or_close(
    client, role, panel, panel_survey
):
    member(panel)
    client.force_login(UserFactory(role=role, password=None))
    assert client.post(NEW, _start()).status_code == 403
    invite = reverse("staff:survey-invite", args=[panel_survey.pk])
    assert client.post(invite, {"panel": panel.pk, "size": "1"}).status_code == 403
    assert client.post(reverse("staff:survey-close", args=[panel_survey.pk])).status_code == 403
    assert Survey.objects.count() == 1
    assert not Invitation.objects.exists()
    panel_survey.refresh_from_db()
    assert panel_survey.status == SurveyStatus.OPEN


def test_information_governance_reads_results_without_the_running_controls(client, panel_survey):
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE, password=None))
    assert NEW not in client.get(reverse("staff:surveys")).content.decode()
    page = client.get(reverse("staff:survey-results", args=[panel_survey.pk])).content.decode()
    assert reverse("staff:survey-invite", args=[panel_survey.pk]) not in page
    assert reverse("staff:survey-close", args=[panel_survey.pk]) not in page
