"""A manager reads equality and reach for a week in a real browser: axe-clean with its tables
and with the period's error; small numbers say "fewer than 5"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from tests.browser.conftest import assert_accessible
from tests.equality.conftest import case_for, resident_answering
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WEEK = "period=custom&from_day=2&from_month=3&from_year=2026&to_day=8&to_month=3&to_year=2026"


def test_a_manager_reads_reach_with_small_numbers_hidden(page: Page):
    manager = UserFactory(role=Role.TEAM_MANAGER)
    for _ in range(6):
        case_for(resident_answering(sex="female"))
    case_for(resident_answering(sex="male"), Channel.PHONE)
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto(f"/staff/reports/equality/?{WEEK}")
    expect(
        page.get_by_role("heading", name="Residents by channel: Sex", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("region").first).to_be_visible()
    assert page.get_by_text("fewer than 5").count() > 0
    assert_accessible(page)

    page.goto(f"/staff/reports/equality/?{WEEK.replace('to_day=8', 'to_day=1')}")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
