"""A change in "You said, we did" linked to a survey answer (a response and a question key),
by officers who may read survey results only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.surveys.models import Response
from opencex.yousaidwedid import selectors, services
from opencex.yousaidwedid.models import SourceKind
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(panel_survey):
    return Response.objects.create(
        survey=panel_survey,
        version=panel_survey.form.current_version(),
        answers={"overall_satisfaction": "neither", "improve_comment": "More benches please"},
        language="en",
        submitted_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
    )


@pytest.fixture
def change():
    service = ServiceFactory()
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[service.team], password=None)
    return manager, services.record_change(
        actor=manager,
        title="More benches",
        you_said="Residents asked for somewhere to sit.",
        we_did="We put in benches.",
        service_area=service.service_area,
        made_on=dt.date(2026, 11, 25),
    )


def test_a_manager_links_a_survey_answer_by_its_number_and_question(change, response):
    manager, made = change
    named = selectors.feedback_named(
        manager, SourceKind.SURVEY_ANSWER, f"{response.pk}:improve_comment"
    )
    source = services.link_source(
        actor=manager, change=made, kind=SourceKind.SURVEY_ANSWER, **named
    )
    assert (source.survey_response, source.question_key) == (response, "improve_comment")
    assert selectors.feedback_counts([made])[made.pk].survey_answers == 1
    assert selectors.people_to_tell(made) == {}  # survey answers are anonymous


def test_a_question_the_response_did_not_answer_cannot_be_linked(change, response):
    manager, made = change
    with pytest.raises(services.ChangeError):
        services.link_source(
            actor=manager,
            change=made,
            kind=SourceKind.SURVEY_ANSWER,
            survey_response=response,
            question_key="demographic_sex",
        )


def test_an_officer_who_may_not_read_results_cannot_link_survey_answers(change, response):
    _manager, made = change
    caseworker = UserFactory(role=Role.CASEWORKER, password=None)
    assert (
        selectors.feedback_named(
            caseworker, SourceKind.SURVEY_ANSWER, f"{response.pk}:improve_comment"
        )
        == {}
    )
    with pytest.raises(PermissionDenied):
        services.link_source(
            actor=caseworker,
            change=made,
            kind=SourceKind.SURVEY_ANSWER,
            survey_response=response,
            question_key="improve_comment",
        )


def test_the_change_page_links_and_lists_the_survey_answer(client, change, response):
    manager, made = change
    client.force_login(manager)
    client.post(
        reverse("staff:change-link", args=[made.pk]),
        {"kind": "survey_answer", "reference": f"{response.pk}:improve_comment"},
    )
    page = client.get(reverse("staff:change", args=[made.pk])).content.decode()
    assert f"Survey response {response.pk}: improve_comment" in page


def test_the_number_in_the_export_names_that_surveys_response(change, response):
    """Two surveys: the number the second survey's export gives its response links that
    response, not the first survey's."""
    from opencex.surveys import results
    from tests.surveys.conftest import open_survey

    other = open_survey(title="Parks survey")
    theirs = Response.objects.create(
        survey=other,
        version=other.form.current_version(),
        answers={"overall_satisfaction": "very_satisfied", "improve_comment": "More trees"},
        language="en",
        submitted_at=dt.datetime(2026, 11, 21, tzinfo=dt.UTC),
    )
    [_heading, row] = results.export_rows(other)
    manager, _made = change
    named = selectors.feedback_named(manager, SourceKind.SURVEY_ANSWER, f"{row[0]}:improve_comment")
    assert named["survey_response"] == theirs
    assert named["survey_response"].survey == other
