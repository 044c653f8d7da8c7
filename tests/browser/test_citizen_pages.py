"""The citizen pages in a real browser: each passes axe's WCAG 2.2 AA rules."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import path
from playwright.sync_api import Page, expect

from opencex import urls as opencex_urls
from tests.browser.conftest import SCREENSHOTS, assert_accessible
from tests.factories import ServiceFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNCIL = settings.COUNCIL_PROFILE


@pytest.fixture
def missed_bin():
    return ServiceFactory(
        slug="report-a-missed-bin",
        title="Report a missed bin collection",
        summary="Tell us if your bin, recycling or food waste was not collected on your usual day.",
        topic=TopicFactory(slug="bins", name="Bins and recycling"),
        cost="Free",
        eligibility="Households in Oxford whose collection was missed.",
        standard_days=2,
        standard_text="We will collect it within 2 working days of your report.",
        if_late="If we have not collected it after 2 working days, phone Customer Services.",
        channels=["online", "phone", "face_to_face"],
    )


@pytest.fixture
def pothole():
    return ServiceFactory(
        slug="report-a-pothole",
        title="Report a pothole",
        summary="Potholes and damaged roads are looked after by the county council.",
        topic=TopicFactory(slug="roads", name="Roads and transport"),
        provider="county",
        external_url="https://www.oxfordshire.gov.uk/residents/roads-and-transport",
        team=None,
        service_area=None,
        standard_days=None,
        standard_text="",
        if_late="",
    )


def test_home_page_is_accessible(page: Page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(COUNCIL.name)
    expect(page).to_have_title(f"Home \N{EN DASH} {COUNCIL.name}")
    assert_accessible(page)


def test_services_list_is_accessible(page: Page, missed_bin, pothole):
    page.goto("/services/")
    expect(page.get_by_role("heading", name="Bins and recycling")).to_be_visible()
    expect(page.get_by_role("link", name="Report a pothole")).to_be_visible()
    assert_accessible(page)


def test_service_page_is_accessible(page: Page, missed_bin):
    page.goto(f"/services/{missed_bin.slug}/")
    expect(page.get_by_text(missed_bin.standard_text)).to_be_visible()
    assert_accessible(page)


def test_county_service_page_is_accessible(page: Page, pothole):
    page.goto(f"/services/{pothole.slug}/")
    expect(
        page.get_by_role("heading", name="This service is provided by Oxfordshire County Council")
    ).to_be_visible()
    assert_accessible(page)


def test_page_not_found_is_accessible(page: Page):
    response = page.goto("/services/no-such-service/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_a_refused_request_gets_an_accessible_error_page(page: Page):
    # A NUL character, which PostgreSQL cannot store, is refused before any view runs.
    response = page.goto("/search?q=bins%00")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "There is a problem with your request"
    )
    assert_accessible(page)


def broken_page(request):
    raise RuntimeError("the database is down")


# The site's pages plus one that fails, for the server error page (the test's ROOT_URLCONF).
urlpatterns = [path("broken/", broken_page), *opencex_urls.urlpatterns]
handler500 = opencex_urls.handler500


def test_the_server_error_page_is_accessible_under_the_content_security_policy(
    page: Page, settings
):
    settings.ROOT_URLCONF = __name__
    response = page.goto("/broken/")
    assert response.status == 500
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sorry, there is a problem with the service"
    )
    # Its inline script ran under the policy (the page fixture fails on a refused one).
    expect(page.locator("body.govuk-frontend-supported")).to_have_count(1)
    assert_accessible(page)


def test_accessibility_statement_is_accessible(page: Page):
    page.goto("/accessibility/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    assert_accessible(page)


def test_brand_colour_reaches_the_header(page: Page):
    page.goto("/")
    background = page.locator(".app-council-header").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert background == "rgb(0, 87, 107)"  # #00576b from the Oxford profile


def test_keyboard_user_can_skip_to_the_main_content(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_narrow_screenshots_of_home_and_a_service_page(page: Page, missed_bin):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    page.screenshot(path=SCREENSHOTS / "opencex-home-320.png", full_page=True)
    assert_accessible(page)

    page.goto(f"/services/{missed_bin.slug}/")
    page.screenshot(path=SCREENSHOTS / "opencex-service-320.png", full_page=True)
    assert_accessible(page)

    # Nothing wider than the screen: no sideways scrolling at 320 CSS pixels (WCAG 1.4.10).
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_navigation_works_on_a_phone_with_javascript_turned_off(browser, live_server, missed_bin):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    try:
        page.goto("/")
        # Without JavaScript the menu is not collapsed behind a button: every link shows.
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Services").click()
        page.get_by_role("link", name=missed_bin.title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(missed_bin.title)
    finally:
        context.close()
