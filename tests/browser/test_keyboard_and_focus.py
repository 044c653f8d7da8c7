"""Keyboard use of the forms (issue #13): Enter in a typed address continues the form rather than
finding an address, and the error summary takes focus and is in view even when the page's URL has
a fragment that would scroll the page elsewhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opencex.forms.loading import sync_form_definitions
from tests.factories import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def missed_bin_form():
    ServiceFactory(slug="report-missed-bin", title="Report a missed bin collection")
    sync_form_definitions()


def start_the_missed_bin_form(page: Page) -> None:
    page.goto("/forms/report-missed-bin/")
    page.get_by_role("button", name="Start now").first.click()
    expect(page.get_by_role("button", name="Find address")).to_be_visible()


def test_enter_in_a_typed_address_continues_the_form(page: Page, missed_bin_form):
    start_the_missed_bin_form(page)
    page.get_by_label("Address line 1").fill("14 Cowley Road")
    page.get_by_label("Town or city").fill("Oxford")
    page.get_by_label("Postcode", exact=True).fill("OX4 1HR")
    page.get_by_label("Postcode", exact=True).press("Enter")

    # The next question, not the same page with addresses found (or a postcode error).
    expect(page.get_by_label("Recycling (blue bin)")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)


def test_enter_in_the_postcode_search_continues_too_and_says_what_is_missing(
    page: Page, missed_bin_form
):
    start_the_missed_bin_form(page)
    page.get_by_label("Search by postcode").fill("OX4 1HR")
    page.get_by_label("Search by postcode").press("Enter")
    # Continue with no address chosen or typed: the form's own error, not a list of addresses.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a postcode and select")


def test_the_hidden_default_button_cannot_be_reached_by_keyboard_or_seen(
    page: Page, missed_bin_form
):
    start_the_missed_bin_form(page)
    hidden = page.locator('form button[hidden][value="continue"]')
    expect(hidden).to_have_count(1)
    expect(hidden).to_be_hidden()
    assert hidden.get_attribute("tabindex") == "-1"


def test_the_error_summary_takes_focus_when_the_url_has_a_fragment(page: Page, missed_bin_form):
    page.set_viewport_size({"width": 320, "height": 480})
    start_the_missed_bin_form(page)
    # The form is sent to its own URL, fragment included; the fragment's target is far down.
    page.goto(f"{page.url.split('#')[0]}#address-manual_postcode")
    page.get_by_role("button", name="Continue").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a postcode and select")
    assert "#address-manual_postcode" in page.url
    page.wait_for_load_state("load")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert page.title().startswith("Error: ")
