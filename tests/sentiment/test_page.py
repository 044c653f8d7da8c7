"""The "What residents say" page: who may see it, its error summary, its figures, and examples
that link to their case without naming the resident."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.sentiment.services import score_new_texts
from tests.factories import CaseFactory, RatingFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("staff:what-residents-say")
MARCH = {
    "period": "custom",
    **{"from_day": "2", "from_month": "3", "from_year": "2026"},
    **{"to_day": "8", "to_month": "3", "to_year": "2026"},
}
NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)


def _sign_in(client, role):
    client.force_login(UserFactory(role=role, password=None))
    return client


@pytest.mark.parametrize(
    "role", [Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR]
)
def test_managers_see_the_page(client, role):
    response = _sign_in(client, role).get(PAGE)
    assert response.status_code == 200
    assert "<title>What residents say" in response.content.decode()


@pytest.mark.parametrize(
    "role", [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT, Role.PARTNER]
)
def test_other_roles_are_refused(client, role):
    assert _sign_in(client, role).get(PAGE).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:sign-in"))


def test_a_bad_date_or_source_is_shown_in_the_error_summary(client):
    _sign_in(client, Role.TEAM_MANAGER)
    page = client.get(PAGE, {**MARCH, "to_month": "13"}).content.decode()
    assert 'class="govuk-error-summary' in page
    assert "The end date must be a real date" in page
    assert "<title>Error: What residents say" in page
    page = client.get(PAGE, {**MARCH, "source": "gossip"}).content.decode()
    assert "Select a source from the list" in page


@time_machine.travel(NOW, tick=False)
def test_the_figures_and_examples_link_to_the_case_without_the_residents_name(client, themes):
    when = timezone.make_aware(dt.datetime(2026, 3, 3, 10))
    team = TeamFactory()
    complaint = CaseFactory(
        kind=CaseKind.COMPLAINT,
        team=team,
        received_at=when,
        contact_name="Ada Okonkwo",
        description="Ada Okonkwo: my bin was missed again, awful and useless service.",
    )
    CaseFactory(
        kind=CaseKind.COMMENT, team=team, received_at=when, description="Thank you, lovely crew!"
    )
    RatingFactory(comment="Dziękuję bardzo", created_at=when)
    score_new_texts()
    CaseFactory(kind=CaseKind.COMMENT, received_at=when, description="Waiting to be read")
    # A manager of the complaint's team: the examples are only from cases they may see.
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None, teams=[team]))

    page = client.get(PAGE, MARCH).content.decode()

    assert "Texts written" in page
    assert "Sentiment by source" in page
    assert f'href="{reverse("staff:case", args=[complaint.reference])}"' in page
    assert "[name]: my bin was missed again" in page
    assert "Okonkwo" not in page
    assert "1 text has not been read yet" in page
    assert page.count('class="app-table-region"') == 5  # every table in its region
    rows = client.get(PAGE, MARCH).context["tables"][0].rows
    # complaint 1 negative; comment 1 positive; the Polish rating not scored; the total.
    figures = [[cell.as_html() for cell in row] for row in rows]
    assert figures == [
        ["Comment", "0", "0", "1", "0", "0.0%"],
        ["Complaint", "1", "0", "0", "0", "100.0%"],
        ["Satisfaction comment", "0", "0", "0", "1", "\N{EN DASH}"],
        ["All sources", "1", "0", "1", "1", "50.0%"],
    ]
    ratings_only = client.get(PAGE, {**MARCH, "source": "rating"}).context["tables"][0].rows
    assert [[cell.as_html() for cell in row] for row in ratings_only] == [
        ["Satisfaction comment", "0", "0", "0", "1", "\N{EN DASH}"]
    ]


@time_machine.travel(NOW, tick=False)
def test_a_manager_of_another_team_is_not_shown_the_complaints_words(client):
    when = timezone.make_aware(dt.datetime(2026, 3, 3, 10))
    CaseFactory(
        kind=CaseKind.COMPLAINT,
        received_at=when,
        description="My neighbour at 4 Elm Road is selling drugs, awful and useless service.",
    )
    score_new_texts()
    _sign_in(client, Role.TEAM_MANAGER)

    page = client.get(PAGE, MARCH).content.decode()

    assert "Sentiment by source" in page
    assert "Elm Road" not in page


@time_machine.travel(NOW, tick=False)
def test_the_figures_are_drawn_and_every_table_downloads_as_the_page_shows_it(client, themes):
    from io import BytesIO

    from openpyxl import load_workbook

    when = timezone.make_aware(dt.datetime(2026, 3, 3, 10))
    team = TeamFactory()
    CaseFactory(
        kind=CaseKind.COMPLAINT,
        team=team,
        received_at=when,
        contact_name="Ada Okonkwo",
        description="Ada Okonkwo: my bin was missed again, awful and useless service.",
    )
    CaseFactory(
        kind=CaseKind.COMMENT, team=team, received_at=when, description="Thank you, lovely crew!"
    )
    score_new_texts()
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None, teams=[team]))

    page = client.get(PAGE, MARCH).content.decode()
    assert (
        'aria-labelledby="sentiment-by-source-chart-title sentiment-by-source-chart-summary"'
        in page
    )
    assert "Highest: Complaint (100.0%). Lowest: Comment (0.0%)." in page
    assert 'id="share-negative-by-month-chart-summary"' in page

    csv = client.get(f"{PAGE}sentiment-by-source.csv", MARCH).content.decode("utf-8-sig")
    assert csv.splitlines()[1:] == [
        "Comment,0,0,1,0,0.0",
        "Complaint,1,0,0,0,100.0",
        "All sources,1,0,1,0,50.0",
    ]
    examples = client.get(f"{PAGE}negative-examples.xlsx", MARCH)
    cells = [
        v
        for row in load_workbook(BytesIO(examples.content)).active.iter_rows(values_only=True)
        for v in row
    ]
    assert any("[name]: my bin was missed again" in str(value) for value in cells)
    assert not any("Okonkwo" in str(value) for value in cells)
    every = client.get(f"{PAGE}all.xlsx", MARCH)
    assert len(load_workbook(BytesIO(every.content)).sheetnames) == 5
