"""The community directory in a real browser: search by need and postcode, an entry page, and a
postcode the directory cannot place — each axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opencex.directory.services import load_demo_directory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def oxford_directory():
    load_demo_directory()


def search_directory(tab: Page, *, need: str, postcode: str) -> None:
    tab.goto("/directory/")
    tab.get_by_label("What do you need help with?").fill(need)
    tab.get_by_label("Your postcode (optional)").fill(postcode)
    tab.get_by_role("button", name="Search the directory").click()
    tab.wait_for_url("**/directory/?need=*")


@pytest.mark.usefixtures("oxford_directory")
def test_a_resident_finds_the_nearest_larder_and_opens_its_entry(page: Page):
    page.goto("/directory/")
    assert_accessible(page)
    search_directory(page, need="community larder", postcode="OX4 6AA")
    expect(page.locator("#directory-count")).to_contain_text("nearest to OX4 6AA first")
    first = page.locator("#directory-results li").first
    expect(first.get_by_role("link")).to_have_text("Blackbird Leys Community Larder")
    expect(first).to_contain_text("miles away")
    assert_accessible(page)
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Blackbird Leys Community Larder")
    expect(page.locator("#demo-warning")).to_be_visible()
    expect(page.locator("#demo-warning")).to_contain_text("Demo entry: not a real contact")
    expect(page.get_by_text("Thursday, 11am to 1pm")).to_be_visible()
    assert_accessible(page)


@pytest.mark.usefixtures("oxford_directory")
def test_a_postcode_outside_oxford_is_explained_and_the_page_stays_accessible(page: Page):
    search_directory(page, need="food", postcode="SW1A 1AA")
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("We do not know where SW1A 1AA is")
    expect(page.locator("#id_postcode-error")).to_be_visible()
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Your postcode (optional)")).to_be_focused()


@pytest.mark.usefixtures("oxford_directory")
def test_the_site_search_finds_the_food_bank_in_the_directory(page: Page):
    page.goto("/search?q=food+bank")
    page.locator("#search-results").get_by_role("link", name="Oxford Food Bank").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oxford Food Bank")
