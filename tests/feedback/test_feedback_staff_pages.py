"""The compliments and comments pages for staff: who may use them and their error summaries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.feedback.models import CommentReview, CommentTheme, Recognition
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_team(db):
    return TeamFactory(slug="complaints-and-feedback", name="Complaints and Feedback")


@pytest.fixture
def officer(feedback_team):
    return UserFactory(role=Role.CASEWORKER, teams=[feedback_team])


@pytest.fixture
def library(db):
    return ServiceFactory(
        title="Help at the Westgate desk", team=TeamFactory(name="Westgate Library desk")
    )


def feedback(kind, description):
    case, _ = open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject=f"{kind} from Ann",
        description=description,
        contact_name="Ann Example",
        contact_email="ann@example.org",
    )
    return case


def test_the_compliment_page_suggests_who_it_names_and_passes_it_on(client, officer, library):
    sam = UserFactory(role=Role.CONTACT_CENTRE, full_name="Sam Okafor", teams=[library.team])
    case = feedback(CaseKind.COMPLIMENT, "Sam Okafor was so helpful.")
    client.force_login(officer)
    url = reverse("staff:compliment", args=[case.reference])

    page = client.get(url).content.decode()
    assert "The compliment names: Sam Okafor" in page

    response = client.post(
        url, {"compliment-officer": sam.pk, "compliment-team": "", "compliment-words": "Helpful!"}
    )

    assert response.status_code == 302
    assert Recognition.objects.get().words == "Helpful!"
    client.force_login(sam)
    assert "Helpful!" in client.get(reverse("staff:compliments")).content.decode()


def test_a_compliment_for_no_one_is_an_error(client, officer):
    case = feedback(CaseKind.COMPLIMENT, "Great service.")
    client.force_login(officer)

    response = client.post(
        reverse("staff:compliment", args=[case.reference]),
        {"compliment-officer": "", "compliment-team": "", "compliment-words": "Great"},
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#compliment-officer"' in body
    assert "Choose the officer or the team the compliment is for" in body


def test_an_officer_who_cannot_see_the_compliment_gets_not_found(client, library):
    case = feedback(CaseKind.COMPLIMENT, "Great service.")
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[library.team]))

    assert client.get(reverse("staff:compliment", args=[case.reference])).status_code == 404


def test_a_contact_centre_officer_sees_a_compliment_but_may_not_pass_it_on(client, feedback_team):
    case = feedback(CaseKind.COMPLIMENT, "Great service.")
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE, teams=[feedback_team]))

    assert client.get(reverse("staff:compliment", args=[case.reference])).status_code == 403


def test_theming_a_comment_shows_it_to_the_services_team(client, officer, library):
    case = feedback(CaseKind.COMMENT, "The website search is poor.")
    client.force_login(officer)
    url = reverse("staff:comment", args=[case.reference])
    assert "Suggested theme from the words used: Website and online services" in (
        client.get(url).content.decode()
    )
    theme = CommentTheme.objects.get(slug="website-and-online")

    response = client.post(url, {"comment-theme": theme.pk, "comment-service": library.pk})

    assert response.status_code == 302
    assert CommentReview.objects.get().service == library
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[library.team]))
    listed = client.get(reverse("staff:comments")).content.decode()
    assert "The website search is poor." in listed


def test_a_comment_without_theme_or_service_is_an_error(client, officer):
    case = feedback(CaseKind.COMMENT, "Nice park.")
    client.force_login(officer)

    response = client.post(reverse("staff:comment", args=[case.reference]), {})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose a theme" in body
    assert "Choose the service the comment is about" in body


def test_comments_about_other_services_are_not_listed(client, officer, library):
    case = feedback(CaseKind.COMMENT, "Open the desk on Saturdays.")
    CommentReview.objects.create(
        case=case,
        theme=CommentTheme.objects.get(slug="other"),
        service=library,
        reviewed_by=officer,
        reviewed_at=case.received_at,
    )
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()]))

    assert (
        "Open the desk on Saturdays." not in client.get(reverse("staff:comments")).content.decode()
    )


def test_the_feeds_are_for_staff_only(client):
    client.force_login(UserFactory(role=Role.RESIDENT))

    assert client.get(reverse("staff:compliments")).status_code == 403
    assert client.get(reverse("staff:comments")).status_code == 403
