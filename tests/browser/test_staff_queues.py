"""The queue and the case page in a real browser: axe-clean, error state included, and usable
from the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.complaints.services import acknowledge_complaint
from tests.browser.conftest import assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    CaseFactory,
    ResidentFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, user) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


def test_manager_queue_is_accessible_and_keyboard_usable(page: Page, team):
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[team], full_name="Alex Jones")
    today = timezone.localdate()
    CaseFactory(team=team, reference="SR-2026-LATE", due_on=today - dt.timedelta(days=2))
    CaseFactory(
        team=team,
        reference="SR-2026-VULN",
        priority=1,
        resident=ResidentFactory(is_priority=True),
    )
    sign_in(page, manager)

    page.get_by_role("link", name="Queues", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.get_by_role("link", name="Waste and recycling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waste and recycling")
    expect(page.get_by_role("row").nth(1)).to_contain_text("SR-2026-VULN")
    expect(page.locator(".govuk-table .govuk-tag--red")).to_have_text("Overdue")
    assert_accessible(page)

    # Bulk reassign with nothing chosen: the error summary, itself accessible.
    page.get_by_label("Select SR-2026-LATE").check()
    page.get_by_role("button", name="Reassign selected cases").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a team or an officer")
    assert_accessible(page)

    # Search from the keyboard, then open the case with Enter.
    page.get_by_label("Search").fill("sr-2026-late")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cases matching")
    link = page.get_by_role("link", name="SR-2026-LATE")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-caption-l")).to_have_text("SR-2026-LATE")


def test_home_counts_vulnerable_queue_and_service_filter_are_accessible(page: Page, team):
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")
    missed_bin = ServiceFactory(team=team, title="Report a missed bin")
    ServiceFactory(team=team, title="Report fly-tipping")
    today = timezone.localdate()
    CaseFactory(
        team=team,
        reference="SR-2026-FLAG",
        service=missed_bin,
        resident=ResidentFactory(is_priority=True),
        due_on=today - dt.timedelta(days=1),
    )
    CaseFactory(team=team, reference="SR-2026-PLAIN", due_on=today + dt.timedelta(days=20))
    sign_in(page, caseworker)

    # The home page counts each queue; the overdue count leads to the overdue cases.
    page.get_by_role("link", name="Home", exact=True).click()
    row = page.get_by_role("row", name="Vulnerable residents")
    expect(row).to_contain_text("1")
    assert_accessible(page)

    # The vulnerable residents' queue, from the queue navigation.
    page.get_by_role("link", name="Vulnerable residents", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vulnerable residents")
    expect(page.locator(".govuk-table .govuk-tag--purple")).to_have_text("Vulnerable resident")
    expect(page.get_by_role("link", name="SR-2026-PLAIN")).to_have_count(0)
    assert_accessible(page)

    # Filter the team queue by service from the keyboard: a plain GET form, no script needed.
    page.get_by_role("link", name="Waste and recycling").click()
    page.locator("details summary").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Service").select_option(label="Report a missed bin")
    page.get_by_role("button", name="Search and filter").click()
    expect(page.get_by_role("link", name="SR-2026-FLAG")).to_be_visible()
    expect(page.get_by_role("link", name="SR-2026-PLAIN")).to_have_count(0)
    expect(page.get_by_label("Service")).to_have_value(str(missed_bin.pk))
    assert_accessible(page)


def test_case_page_and_its_error_state_are_accessible(page: Page, team):
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")
    case, _ = open_case(
        actor=None,
        kind=CaseKind.COMPLAINT,
        channel=Channel.WEB,
        subject="Rude officer",
        description="I was spoken to rudely.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
    )
    case.team = team
    case.save()
    acknowledge_complaint(actor=caseworker, case=case)
    sign_in(page, caseworker)
    page.goto(f"/staff/cases/{case.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rude officer")
    expect(page.get_by_text("Why it is due then")).to_be_visible()
    assert_accessible(page)

    # Open "Extend the deadline" from the keyboard and ask for more than stage 1 allows: the
    # complaints app's rule, reached from the case page.
    page.locator("#action-extend summary").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Reason for the extension").fill("Complex case")
    page.get_by_label("Working days").fill("15")
    page.get_by_role("button", name="Extend the deadline").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("1 to 10 working days")
    expect(page.get_by_label("Reason for the extension")).to_have_value("Complex case")
    assert_accessible(page)

    # Add a note from the keyboard; it appears on the timeline as internal.
    page.locator("#action-note summary").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Internal note").fill("Spoke to the team leader.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Note added", exact=True).first).to_be_visible()
    expect(page.locator(".moj-timeline")).to_contain_text("Spoke to the team leader.")
    assert_accessible(page)
