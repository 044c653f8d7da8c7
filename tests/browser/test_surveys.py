"""A Residents Panel member is invited to a survey by email (drawn in a stratified sample),
follows the link in the email, answers it (with an error on the way) and sends it; a manager
reads the results. In a real browser, with the real loopback SMTP server and worker; axe-clean
on every page, the error state included."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.panels.models import Membership, Panel, PanelKind
from opencex.surveys import services
from opencex.surveys.models import Audience, Invitation, Response, Survey
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, ResidentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SURVEY_LINK = re.compile(r"https?://[^/\s]+(/surveys/\S+/)")


def test_a_panel_member_answers_a_survey_and_a_manager_reads_the_results(
    page: Page, smtp_server, run_jobs
):
    today = timezone.localdate()
    panel = Panel.objects.create(kind=PanelKind.RESIDENTS, name="Residents Panel", capacity=500)
    Membership.objects.create(
        panel=panel,
        resident=ResidentFactory(email="sam@example.org"),
        joined_at=timezone.now() - dt.timedelta(days=100),
        confirmed_at=timezone.now() - dt.timedelta(days=10),
        consent_given=True,
        age_band="25_34",
        ward="Cowley",
    )
    survey = services.create_survey(
        actor=None,
        definition="residents-panel",
        title="Residents Panel winter survey",
        purpose="To hear what the panel thinks of our services.",
        audience=Audience.PANEL_SAMPLE,
        opens_on=today,
        closes_on=today + dt.timedelta(days=28),
    )
    [invitation] = services.invite_sample(survey=survey, panel=panel, size=1, seed=1)

    run_jobs()
    email = smtp_server.messages[-1]
    assert email["To"] == "sam@example.org"
    path = SURVEY_LINK.search(email.get_content()).group(1)

    # The member follows the link.
    page.goto(path)
    expect(page.get_by_role("heading", name="Residents Panel survey")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()

    # Continuing without an answer shows the error summary.
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Fairly satisfied").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("What is the one thing we could do better?").fill("Empty the bins on time")
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()  # "About you" is optional

    expect(
        page.get_by_role("heading", name="Check your answers before sending them")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    assert_accessible(page)
    assert Response.objects.get().answers == {
        "overall_satisfaction": "fairly_satisfied",
        "improve_comment": "Empty the bins on time",
    }
    invitation.refresh_from_db()
    assert invitation.answered_at is not None

    # Other panel members' answers (5 for each option), so that a chart is drawn.
    version = survey.form.current_version()
    scale = ["very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied"]
    for answer in [*scale, "very_dissatisfied"] * 5:
        Response.objects.create(
            survey=survey,
            version=version,
            answers={"overall_satisfaction": answer},
            language="en",
            submitted_at=timezone.now(),
        )

    # A manager reads the results.
    manager = UserFactory(role=Role.TEAM_MANAGER)
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.goto("/staff/reports/")
    page.locator("#more-reports").get_by_role("link", name="Surveys").click()
    expect(page.get_by_role("heading", name="Surveys", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Residents Panel winter survey").click()
    expect(page.locator("#response-count")).to_have_text("26")
    expect(page.get_by_role("img").first).to_be_visible()  # the chart of the overall question
    assert page.get_by_text("Fewer than 5 people answered this question").count() > 0
    assert_accessible(page)


def test_an_open_link_survey_refuses_too_many_starts_from_one_place(page: Page):
    cache.clear()
    today = timezone.localdate()
    survey = services.create_survey(
        actor=None,
        definition="residents-panel",
        title="Parks survey",
        purpose="To hear what people think of the parks.",
        audience=Audience.OPEN_LINK,
        opens_on=today,
        closes_on=today + dt.timedelta(days=28),
    )
    for _ in range(10):  # ten people in one office start it
        page.context.clear_cookies()
        page.goto(f"/surveys/open/{survey.pk}/")
        page.get_by_role("button", name="Start now").click()
        expect(page.get_by_role("button", name="Start now")).to_be_visible()  # their own link
    page.context.clear_cookies()
    page.goto(f"/surveys/open/{survey.pk}/")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("started too many times from here")).to_be_visible()
    assert_accessible(page)
    cache.clear()


def test_a_manager_starts_a_survey_and_invites_a_sample_of_the_panel(page: Page):
    today = timezone.localdate()
    closes = today + dt.timedelta(days=28)
    panel = Panel.objects.create(kind=PanelKind.RESIDENTS, name="Residents Panel", capacity=500)
    for number, band in enumerate(["25_34", "25_34", "65_74"]):
        Membership.objects.create(
            panel=panel,
            resident=ResidentFactory(email=f"member{number}@example.org"),
            joined_at=timezone.now() - dt.timedelta(days=100),
            confirmed_at=timezone.now() - dt.timedelta(days=10),
            consent_given=True,
            age_band=band,
        )
    manager = UserFactory(role=Role.TEAM_MANAGER)
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto("/staff/surveys/")
    page.get_by_role("link", name="Start a survey").click()
    expect(page.get_by_role("heading", name="Start a survey")).to_be_visible()
    assert_accessible(page)

    def fill_day(legend: str, day: dt.date) -> None:
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))

    page.get_by_label("Residents Panel survey").check()
    page.get_by_label("Title").fill("Residents Panel spring survey")
    page.get_by_label("Why the council asks").fill("To hear what the panel thinks.")
    page.get_by_label("A sample of a panel").check()
    fill_day("Opens on", today)
    fill_day("Closes on", today - dt.timedelta(days=1))  # before it opens
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.locator(".govuk-error-summary").get_by_role(
            "link", name="The closing day must be the same as or after the opening day"
        )
    ).to_be_visible()
    assert_accessible(page)

    fill_day("Closes on", closes)
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_text("Survey started: Residents Panel spring survey")).to_be_visible()
    expect(page.get_by_role("heading", name="Residents Panel spring survey")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Sample size").fill("2")
    page.get_by_role("button", name="Invite the sample").click()
    expect(page.get_by_text("Members invited: 2.")).to_be_visible()
    assert_accessible(page)
    assert Invitation.objects.filter(survey__title="Residents Panel spring survey").count() == 2

    page.get_by_role("button", name="Close the survey").click()
    expect(page.get_by_text("Survey closed: no one can answer it now.")).to_be_visible()
    assert Survey.objects.get(title="Residents Panel spring survey").status == "closed"
