"""A team manager reads the dashboards in a real browser: axe-clean with the charts, their
summaries and tables, after a filter error, and the page's CSP lets every chart draw."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from tests.browser.conftest import assert_accessible
from tests.browser.test_staff_directory_reports import _sign_in
from tests.factories import CaseFactory, ContactFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_reads_the_dashboards_charts_and_tables(page: Page):
    now, today = timezone.now(), timezone.localdate()
    waste = TeamFactory(slug="waste", name="Waste")
    CaseFactory.create_batch(3, received_at=now, channel=Channel.WEB, team=waste)
    CaseFactory(received_at=now, channel=Channel.PHONE, team=waste, due_on=today - dt.timedelta(1))
    ContactFactory(at=now, channel=Channel.PHONE)
    csp_errors: list[str] = []
    page.on("console", lambda message: csp_errors.append(message.text)
            if "Content Security Policy" in message.text else None)  # fmt: skip
    _sign_in(page, UserFactory(role=Role.TEAM_MANAGER, teams=[waste]))

    page.get_by_role("link", name="Dashboards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboards")
    channels = page.get_by_role("img", name="Cases and contacts by channel")
    expect(channels).to_be_visible()
    expect(page.get_by_text("Most cases and contacts: Website (3, 60% of 5).")).to_be_visible()
    table = page.get_by_role("table", name="Cases and contacts by channel: the figures")
    expect(table.get_by_role("row", name="Website")).to_contain_text("3")
    expect(page.get_by_role("img", name="When cases and contacts arrive")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Channel", exact=True).select_option("phone")
    page.get_by_label("Team", exact=True).select_option("waste")
    page.get_by_label("Over time, show each").select_option("day")
    page.get_by_role("button", name="Show dashboards").click()
    expect(page.get_by_text("Most cases and contacts: Phone (1, 100% of 1).")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Dates you choose").check()
    page.get_by_role("button", name="Show dashboards").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the start date")
    assert_accessible(page)
    assert csp_errors == []
