"""The AI pages in a real browser with axe: the residents' "How we use AI" in English and Arabic,
the officer deciding an urgency cue on the case page (with the dismissal's error state), and the
managers' AI oversight page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel, Priority
from opencex.cues.services import free_text, look_for_cues
from tests.browser.conftest import assert_accessible
from tests.browser.page_checks import check_page
from tests.factories import TEST_PASSWORD, ResidentFactory, ServiceFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, user, then: str) -> None:
    page.goto(f"/staff/sign-in/?next={then}")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_how_we_use_ai_passes_axe(page: Page, language):
    page.goto(f"/language/{language}/?next=/how-we-use-ai/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#model-urgency_cues")).to_be_visible()
    assert check_page(page) == []  # axe, reflow at 320px and 200% zoom, the statement link


def test_an_officer_dismisses_a_cue_and_the_priority_goes_back(page: Page):
    team = TeamFactory(slug="housing-repairs", name="Housing repairs")
    officer = UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Smell in the hall",
        description="There is a strong smell of gas in the hall.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        resident=ResidentFactory(),
        service=ServiceFactory(team=team),
    )
    look_for_cues(case=case, text=free_text(case))

    sign_in(page, officer, f"/staff/cases/{case.reference}/")
    cues = page.locator("#urgency-cues")
    expect(cues).to_contain_text("Urgency cue: gas smell (model cues-")
    assert_accessible(page)

    cues.get_by_role("button", name="Dismiss").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the cue is wrong")
    assert_accessible(page)

    page.get_by_label("Why is the cue wrong?").fill("The hob was left on; the engineer checked.")
    page.locator("#urgency-cues").get_by_role("button", name="Dismiss").click()
    expect(page.locator("#urgency-cues")).to_contain_text("Dismissed by Sam Okafor")
    case.refresh_from_db()
    assert case.priority == Priority.NORMAL


def test_the_ai_oversight_page_passes_axe(page: Page):
    manager = UserFactory(role=Role.TEAM_MANAGER)
    sign_in(page, manager, "/staff/ai/")
    expect(page.get_by_role("heading", name="AI oversight")).to_be_visible()
    assert check_page(page) == []
    page.get_by_label("Dates you choose").check()
    page.get_by_role("button", name="Show the counts").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
