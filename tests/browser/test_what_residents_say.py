"""A team manager reads what residents say for a chosen week in a real browser: axe-clean with
its tables and with a date error, and an example that opens its case."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.sentiment.services import score_new_texts
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, CaseFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager():
    team = TeamFactory(slug="waste", name="Waste")
    when = timezone.make_aware(dt.datetime(2026, 3, 3, 11))
    CaseFactory(
        kind=CaseKind.COMPLAINT,
        team=team,
        received_at=when,
        reference="CMP-TEST-0001",
        description="Awful service, my bin was missed again and nobody cares.",
    )
    CaseFactory(
        kind=CaseKind.COMMENT,
        team=team,
        received_at=when,
        description="Thank you, the recycling crew are brilliant.",
    )
    score_new_texts()
    return UserFactory(full_name="Helen Price", role=Role.TEAM_MANAGER, teams=[team])


def _show(page: Page, start: tuple[str, str, str], end: tuple[str, str, str]) -> None:
    page.get_by_label("Dates you choose").check()
    for legend, parts in (("From", start), ("To", end)):
        group = page.get_by_role("group", name=legend)
        for label, value in zip(("Day", "Month", "Year"), parts, strict=True):
            group.get_by_label(label).fill(value)
    page.get_by_role("button", name="Show", exact=True).click()


def test_a_manager_reads_what_residents_say_and_opens_a_case(page: Page, manager):
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Under Reports: the navigation's Reports, then the reports page's list of more reports.
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="What residents say").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What residents say")

    _show(page, ("2", "3", "2026"), ("31", "2", "2026"))
    expect(page).to_have_title(re.compile(r"^Error: What residents say"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    _show(page, ("2", "3", "2026"), ("8", "3", "2026"))
    expect(page.get_by_role("region", name="Sentiment by source")).to_contain_text("Complaint")
    expect(page.get_by_role("img", name="Sentiment by source")).to_be_visible()
    expect(page.locator("#sentiment-by-source-chart-summary")).to_contain_text("Highest: Complaint")
    assert_accessible(page)
    page.get_by_role("link", name="CMP-TEST-0001").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("staff:case", args=["CMP-TEST-0001"]))))
