"""A service page's "Online" in a real browser: the way leads to the service's form (with
JavaScript off too), a service with nowhere online to go says so and offers the phone, and a
service done on another provider's site names it; the pages axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from opencex.forms.loading import sync_form_definitions
from tests.browser.conftest import assert_accessible
from tests.factories import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def services():
    ServiceFactory(slug="report-fly-tipping", title="Report fly-tipping")
    ServiceFactory(slug="hire-the-town-hall", title="Hire the Town Hall")
    ServiceFactory(
        slug="register-to-vote",
        title="Register to vote",
        external_url="https://www.gov.uk/register-to-vote",
        external_provider={"en": "GOV.UK", "pl": "GOV.UK", "ar": "GOV.UK"},
    )
    sync_form_definitions()


def test_online_is_a_link_to_the_form_or_not_said_at_all(page: Page, services):
    page.goto("/services/report-fly-tipping/")
    assert_accessible(page)
    page.get_by_role("link", name="Online", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report fly-tipping")

    page.goto("/services/hire-the-town-hall/")
    assert_accessible(page)
    expect(page.get_by_text("You cannot do this online yet.")).to_be_visible()
    expect(page.get_by_role("link", name="Online", exact=True)).to_have_count(0)
    expect(page.get_by_text("By phone:")).to_be_visible()


def test_online_leads_to_the_form_without_javascript(browser: Browser, live_server, services):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/services/report-fly-tipping/")
        page.get_by_role("link", name="Online", exact=True).click()
        expect(page).to_have_url(f"{live_server.url}/forms/report-fly-tipping/")
        page.get_by_role("button", name="Start now").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Where is the fly-tipping?")
    finally:
        context.close()


def test_a_service_done_elsewhere_names_whose_site_it_is(page: Page, services):
    page.goto("/services/register-to-vote/")
    assert_accessible(page)
    expect(page.get_by_text("You do this on the GOV.UK website.")).to_be_visible()
    link = page.get_by_role("link", name="Register to vote on the GOV.UK website")
    expect(link).to_have_attribute("href", "https://www.gov.uk/register-to-vote")
    expect(page.get_by_role("link", name="Online", exact=True)).to_have_attribute(
        "href", "https://www.gov.uk/register-to-vote"
    )
