import pytest
from django.urls import reverse

from opencex.notify import conf
from opencex.notify.models import Notification
from opencex.surveys import services
from opencex.surveys.models import Response
from tests.factories import ResidentFactory
from tests.surveys.conftest import open_survey

pytestmark = pytest.mark.django_db


def _path(invitation) -> str:
    return services.invitation_link(invitation).removeprefix(conf.site_url())


def _page(invitation, page_id: str) -> str:
    return f"{_path(invitation)}{page_id}/"


@pytest.fixture
def invitation(panel_survey):
    return services.invite(survey=panel_survey, resident=ResidentFactory())


def test_the_link_opens_the_survey_and_a_changed_link_finds_nothing(client, invitation):
    assert client.get(_path(invitation)).status_code == 200
    forged = reverse("web:survey", args=[invitation.token + ":abc"])
    assert client.get(forged).status_code == 404


def test_a_missing_answer_shows_the_error_summary(client, invitation):
    response = client.post(_page(invitation, "overall"), {"action": "continue"})
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert b'href="#overall_satisfaction"' in response.content


def test_answers_are_kept_between_visits_and_sent_once(client, invitation):
    client.post(_page(invitation, "overall"), {"overall_satisfaction": "fairly_satisfied"})
    saved = client.post(
        _page(invitation, "anything-else"), {"improve_comment": "Empty the bins", "action": "save"}
    )
    assert b"Your answers are saved" in saved.content

    # Coming back with the same link carries on where they stopped.
    start = client.get(_path(invitation))
    assert _page(invitation, "about-you").encode() in start.content
    client.post(_page(invitation, "about-you"), {"demographic_age_band": "25_34"})
    check = f"{_path(invitation)}check-your-answers/"
    assert b"Fairly satisfied" in client.get(check).content

    client.post(check)
    client.post(check)  # sent twice

    stored = Response.objects.get()
    assert stored.answers == {
        "overall_satisfaction": "fairly_satisfied",
        "improve_comment": "Empty the bins",
        "demographic_age_band": "25_34",
    }
    assert stored.invitation is None  # anonymous: not linked to the person
    assert b"already answered" in client.get(_path(invitation)).content


def test_a_survey_sends_no_case(client, invitation):
    from opencex.cases.models import Case

    for page, answers in (
        ("overall", {"overall_satisfaction": "very_satisfied"}),
        ("anything-else", {}),
        ("about-you", {}),
    ):
        client.post(_page(invitation, page), answers)
    client.post(f"{_path(invitation)}check-your-answers/")
    assert Response.objects.count() == 1
    assert Case.objects.count() == 0


def test_branching_skips_the_repairs_page_for_tenants_with_no_repair(client, tenant_survey):
    invitation = services.invite(survey=tenant_survey, resident=ResidentFactory())
    client.post(_page(invitation, "overall"), {"tp01_overall": "very_satisfied"})
    answered = client.post(_page(invitation, "repairs"), {"had_repair": "no"})
    assert answered["Location"] == _page(invitation, "your-home")
    assert client.get(_page(invitation, "your-repairs")).status_code == 404


def test_the_survey_is_asked_in_the_pages_language(client, invitation):
    page = client.get(_page(invitation, "overall"), HTTP_ACCEPT_LANGUAGE="pl")
    assert "Bardzo zadowolony" in page.content.decode()


def test_a_closed_survey_cannot_be_answered(client, invitation):
    services.close_survey(actor=None, survey=invitation.survey)
    assert client.get(_path(invitation)).status_code == 410


def test_a_named_survey_keeps_the_invitation_with_the_response(client):
    survey = open_survey(is_anonymous=False)
    invitation = services.invite(survey=survey, resident=ResidentFactory())
    services.save_page(
        invitation=invitation,
        page=survey.form.current_version().schema["pages"][0],
        posted={"overall_satisfaction": "neither"},
    )
    first = services.submit_response(invitation=invitation, language="en")
    again = services.submit_response(invitation=invitation, language="en")
    assert first == again
    assert first.invitation == invitation


def test_an_open_link_survey_is_answered_without_an_invitation(client):
    survey = open_survey(audience="open_link", title="Parks survey")
    start = reverse("web:survey-open", args=[survey.pk])
    assert client.get(start).status_code == 200
    started = client.post(start)
    assert client.post(start)["Location"] == started["Location"]  # the same browser: one link
    token_path = started["Location"]
    client.post(f"{token_path}overall/", {"overall_satisfaction": "very_satisfied"})
    client.post(f"{token_path}anything-else/", {})
    client.post(f"{token_path}about-you/", {})
    client.post(f"{token_path}check-your-answers/")
    assert Response.objects.get(survey=survey).answers == {"overall_satisfaction": "very_satisfied"}
    assert Notification.objects.count() == 0


def test_a_survey_by_invitation_has_no_open_link(client, panel_survey):
    assert client.get(reverse("web:survey-open", args=[panel_survey.pk])).status_code == 404
