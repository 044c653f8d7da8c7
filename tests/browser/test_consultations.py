"""An officer plans a consultation in a real browser, is told of a bad date, sees the clash the
check finds, records why to go ahead and how the plan reaches the groups likely missed, and
launches it; a resident finds it on the public page. axe on each page, the error states too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.consultations import services
from opencex.consultations.models import Audience, Method
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_plans_checks_and_launches_and_a_resident_finds_it(page: Page):
    team = TeamFactory(name="Parking services")
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[team])
    start = timezone.localdate() + dt.timedelta(days=30)
    services.plan_consultation(
        actor=manager,
        plan=services.Plan(
            title="Street trees in Cowley",
            topic="Where to plant street trees.",
            service_area=team.service_area,
            team=team,
            audience=Audience.EVERYONE,
            wards=["Cowley"],
            methods=[Method.ONLINE_SURVEY],
            starts_on=start + dt.timedelta(days=7),
            ends_on=start + dt.timedelta(days=35),
        ),
    )
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto("/staff/consultations/")
    expect(page.get_by_role("link", name="Street trees in Cowley")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Plan a consultation").click()

    page.get_by_label("Title").fill("Parking permits in Cowley")
    page.get_by_label("What it asks about").fill("Whether to bring in a controlled parking zone.")
    page.get_by_label("Service area").select_option(label=team.service_area.name)
    page.get_by_label("Everyone").check()
    page.get_by_label("Cowley", exact=True).check()
    page.get_by_label("Online survey").check()
    page.get_by_label("Paper questionnaire").check()
    for box, day in (("starts_on", start), ("ends_on", start - dt.timedelta(days=1))):
        page.locator(f"#{box}-day").fill(str(day.day))
        page.locator(f"#{box}-month").fill(str(day.month))
        page.locator(f"#{box}-year").fill(str(day.year))
    page.get_by_label("How to take part").fill("Fill in the survey at oxford.gov.uk/parking.")
    page.get_by_role("button", name="Plan the consultation").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    end = start + dt.timedelta(days=27)
    page.locator("#ends_on-day").fill(str(end.day))
    page.locator("#ends_on-month").fill(str(end.month))
    page.locator("#ends_on-year").fill(str(end.year))
    page.get_by_role("button", name="Plan the consultation").click()
    page.get_by_role("button", name="Check the plan").click()
    clash = page.locator(".govuk-summary-card", has_text="Street trees in Cowley")
    expect(clash.get_by_text("Clash")).to_be_visible()
    expect(page.get_by_text("It cannot be launched yet:")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Save the equality check").click()  # nothing filled in
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    clash.get_by_label("Why go ahead").fill("Joint drop-in events agreed with the trees team.")
    clash.get_by_role("button", name="Record the reason").click()
    page.get_by_label("Residents whose main language is not English").fill(
        "Leaflets in Polish and Arabic through the community centres."
    )
    page.get_by_label("Young people (under 25)").fill("The youth panel meets in March.")
    page.get_by_label("Disabled people").fill("Easy read on request, with Oxfordshire Mind.")
    page.get_by_role("button", name="Save the equality check").click()
    page.get_by_role("button", name="Launch the consultation").click()
    expect(page.get_by_text("Consultation launched")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.goto("/consultations/")
    page.get_by_role("link", name="Parking permits in Cowley").click()
    expect(page.get_by_role("heading", name="How to take part")).to_be_visible()
    expect(page.get_by_text("Paper questionnaire")).to_be_visible()
    assert_accessible(page)
    page.goto("/consultations/")
    expect(page.get_by_role("link", name="Street trees in Cowley")).to_have_count(0)
    assert_accessible(page)
