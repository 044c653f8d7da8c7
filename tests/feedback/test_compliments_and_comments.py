"""Compliments reach the officer and team they name and their managers (by email, and in the
recognition feed); comments get a theme (suggested by keywords) and are seen by the teams of the
service that owns them."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel, Status
from opencex.feedback import selectors, services
from opencex.feedback.models import CommentTheme, Recognition
from opencex.notify.models import Notification
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_team(db):
    return TeamFactory(slug="complaints-and-feedback", name="Complaints and Feedback")


@pytest.fixture
def feedback_officer(feedback_team):
    return UserFactory(role=Role.CASEWORKER, full_name="Fay Feedback", teams=[feedback_team])


@pytest.fixture
def library(db):
    team = TeamFactory(slug="westgate-desk", name="Westgate Library desk")
    return ServiceFactory(slug="library-desk", title="Help at the Westgate desk", team=team)


@pytest.fixture
def sam(library):
    return UserFactory(
        role=Role.CONTACT_CENTRE,
        full_name="Sam Okafor",
        email="sam@example.org",
        teams=[library.team],
    )


@pytest.fixture
def manager(library):
    return UserFactory(
        role=Role.TEAM_MANAGER,
        full_name="Mo Manager",
        email="mo@example.org",
        teams=[library.team],
    )


@pytest.fixture
def colleague(library):
    return UserFactory(
        role=Role.CONTACT_CENTRE,
        full_name="Cal Colleague",
        email="cal@example.org",
        teams=[library.team],
    )


def feedback(kind, subject, description):
    case, _ = open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject=subject,
        description=description,
        contact_name="Ann Example",
        contact_email="ann@example.org",
    )
    return case


def compliment(feedback_team):
    return feedback(
        CaseKind.COMPLIMENT,
        "Compliment for Sam Okafor",
        "Sam Okafor at the Westgate Library desk helped me fill in my form. So patient!",
    )


def test_a_compliment_reaches_the_officer_the_team_and_the_manager(
    feedback_team, feedback_officer, library, sam, manager, colleague
):
    case = compliment(feedback_team)

    services.pass_on_compliment(actor=feedback_officer, case=case, officer=sam, team=library.team)

    sent = {
        n.recipient: n for n in Notification.objects.filter(template="staff_compliment_received")
    }
    assert set(sent) == {"sam@example.org", "mo@example.org", "cal@example.org"}
    assert "A resident has paid a compliment to Sam Okafor and Westgate Library desk." in (
        sent["sam@example.org"].body
    )
    assert "in a team you manage" in sent["mo@example.org"].body
    assert "your team" in sent["cal@example.org"].body
    assert "So patient!" in sent["cal@example.org"].body


def test_a_compliment_for_an_officer_alone_reaches_their_managers_too(
    feedback_team, feedback_officer, sam, manager, colleague
):
    services.pass_on_compliment(actor=feedback_officer, case=compliment(feedback_team), officer=sam)

    recipients = set(
        Notification.objects.filter(template="staff_compliment_received").values_list(
            "recipient", flat=True
        )
    )
    assert recipients == {"sam@example.org", "mo@example.org"}


def test_passing_on_tells_the_resident_and_is_on_the_timeline(feedback_team, feedback_officer, sam):
    case = compliment(feedback_team)

    services.pass_on_compliment(actor=feedback_officer, case=case, officer=sam)

    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED
    assert case.events.filter(summary="Compliment passed on to Sam Okafor").exists()


def test_the_recognition_feed_shows_compliments_for_me_and_my_teams_only(
    feedback_team, feedback_officer, library, sam, manager, colleague
):
    services.pass_on_compliment(actor=feedback_officer, case=compliment(feedback_team), officer=sam)
    elsewhere = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])

    for person in (sam, manager, colleague):
        assert selectors.recognition_feed(person).count() == 1
    assert selectors.recognition_feed(elsewhere).count() == 0
    assert selectors.recognition_feed(UserFactory(role=Role.ADMINISTRATOR)).count() == 1


def test_a_compliment_is_passed_on_once(feedback_team, feedback_officer, sam):
    case = compliment(feedback_team)
    services.pass_on_compliment(actor=feedback_officer, case=case, officer=sam)

    with pytest.raises(services.FeedbackError, match="already been passed on"):
        services.pass_on_compliment(actor=feedback_officer, case=case, officer=sam)
    assert Recognition.objects.count() == 1


def test_a_compliment_must_name_someone(feedback_team, feedback_officer):
    with pytest.raises(services.FeedbackError, match="officer or the team"):
        services.pass_on_compliment(actor=feedback_officer, case=compliment(feedback_team))


def test_only_the_compliments_handlers_pass_it_on(feedback_team, sam, library):
    case = compliment(feedback_team)

    with pytest.raises(PermissionDenied):
        services.pass_on_compliment(actor=sam, case=case, team=library.team)


def test_the_officer_and_team_a_compliment_names_are_suggested(feedback_team, sam, library):
    said = compliment(feedback_team).description

    assert list(selectors.suggested_officers(said)) == [sam]
    assert list(selectors.suggested_teams(said)) == [library.team]


def test_default_comment_themes_are_in_place_and_editable_in_the_admin():
    assert CommentTheme.objects.filter(slug="bins-and-recycling", is_active=True).exists()
    assert admin.site.is_registered(CommentTheme)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Could the recycling collection be earlier? The bin lorry blocks the road.",
            "bins-and-recycling",
        ),
        ("The website search never finds the form I need.", "website-and-online"),
        ("Please plant more trees in the park.", "streets-and-parks"),
    ],
)
def test_a_theme_is_suggested_from_the_words_used(text, slug):
    assert selectors.suggested_theme(text).slug == slug


def test_no_theme_is_suggested_when_no_keyword_is_used():
    assert selectors.suggested_theme("Hello there.") is None


def test_a_themed_comment_is_seen_by_the_teams_of_the_service_that_owns_it(
    feedback_team, feedback_officer, library, sam
):
    case = feedback(CaseKind.COMMENT, "Comment about the desk", "Open the desk on Saturdays.")
    theme = CommentTheme.objects.get(slug="customer-service")
    other_team_officer = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])

    services.theme_comment(actor=feedback_officer, case=case, theme=theme, service=library)

    assert [r.case for r in selectors.comments_for_my_services(sam)] == [case]
    assert list(selectors.comments_for_my_services(other_team_officer)) == []
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED


def test_a_comment_can_be_rethemed(feedback_team, feedback_officer, library):
    case = feedback(CaseKind.COMMENT, "Comment", "Open on Saturdays.")
    services.theme_comment(
        actor=feedback_officer,
        case=case,
        theme=CommentTheme.objects.get(slug="other"),
        service=library,
    )

    review = services.theme_comment(
        actor=feedback_officer,
        case=case,
        theme=CommentTheme.objects.get(slug="customer-service"),
        service=library,
    )

    assert review.theme.slug == "customer-service"
    assert selectors.comments_to_theme(feedback_officer).count() == 0


def test_a_retired_theme_cannot_be_chosen(feedback_team, feedback_officer, library):
    case = feedback(CaseKind.COMMENT, "Comment", "Open on Saturdays.")
    retired = CommentTheme.objects.create(slug="old", name="Old", is_active=False)

    with pytest.raises(services.FeedbackError, match="still in use"):
        services.theme_comment(actor=feedback_officer, case=case, theme=retired, service=library)


def test_only_the_comments_handlers_theme_it(feedback_team, sam, library):
    case = feedback(CaseKind.COMMENT, "Comment", "Open on Saturdays.")

    with pytest.raises(PermissionDenied):
        services.theme_comment(
            actor=sam, case=case, theme=CommentTheme.objects.get(slug="other"), service=library
        )
