"""Searching from the home page in a real browser, with and without JavaScript; axe-clean."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNCIL = settings.COUNCIL_PROFILE


@pytest.fixture
def oxford_catalogue():
    load_catalogue_file(demo_catalogue_file(COUNCIL.slug))


def search_from_home(tab: Page, words: str) -> None:
    tab.goto("/")
    tab.get_by_label("Search this website").fill(words)
    tab.get_by_role("button", name="Search", exact=True).click()
    tab.wait_for_url("**/search?q=*")


@pytest.mark.usefixtures("oxford_catalogue")
def test_a_resident_finds_the_missed_bin_service_from_the_home_page(page: Page):
    search_from_home(page, "my bin wasn't emptied")
    first = page.locator("#search-results li").first
    expect(first.get_by_role("link")).to_have_text("Report a missed bin collection")
    assert_accessible(page)
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a missed bin collection")


@pytest.mark.usefixtures("oxford_catalogue")
def test_search_works_without_javascript(browser: Browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        search_from_home(tab, "pothole on my road")
        first = tab.locator("#search-results li").first
        expect(first.get_by_role("link")).to_have_text("Report a pothole")
        expect(first).to_contain_text(f"Provided by {COUNCIL.upper_tier.name}")
    finally:
        context.close()


@pytest.mark.usefixtures("oxford_catalogue")
def test_the_no_results_page_offers_contact_and_is_accessible(page: Page):
    search_from_home(page, "asdfghjkl qwertyuiop")
    expect(page.locator("#search-count")).to_contain_text("We could not find anything")
    expect(page.get_by_role("link", name=COUNCIL.main_phone.number).first).to_be_visible()
    assert_accessible(page)


@pytest.mark.usefixtures("oxford_catalogue")
def test_a_guidance_page_found_by_search_is_accessible(page: Page):
    search_from_home(page, "council tax bands")
    page.get_by_role("link", name="Council tax bands explained").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Council tax bands explained")
    assert_accessible(page)


def test_the_home_page_with_its_search_box_is_accessible(page: Page):
    page.goto("/")
    assert_accessible(page)
    page.goto("/search")
    assert_accessible(page)
