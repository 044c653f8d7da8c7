"""Reflow (WCAG 2.2 1.4.10) in a real browser: at 320 CSS pixels, and at 1280 pixels zoomed to
200% (640 CSS pixels), no page scrolls sideways and nothing sticks out of the screen; a table too
wide for the screen scrolls inside its own region, which a keyboard can focus and scroll. The
signed-in crawl (test_site_crawl.py) makes the same checks on every page each role reaches."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from tests.browser.page_checks import check_page
from tests.browser.role_days_world import load_council, missed_bin, officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN_PAGES = [
    "/",
    "/services/",
    "/services/report-missed-bin/",
    "/search?q=bins",
    "/directory/",
    "/disclosure-log/",
    "/track/",
    "/account/sign-in/",
    "/accessibility/",
    "/forms/report-missed-bin/",
    "/no-such-page/",
]


@pytest.fixture
def council():
    load_council()


def sign_in(page: Page, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": urlsplit(page.url).hostname,
                "path": "/",
            }
        ]
    )


def test_the_citizen_pages_reflow_at_320_pixels_and_at_200_percent_zoom(page: Page, council):
    problems = []
    for path in CITIZEN_PAGES:
        page.goto(path)
        problems += check_page(page, axe=False)
    assert not problems, "\n".join(problems)


def test_a_queue_too_wide_for_the_screen_scrolls_in_its_own_region_by_keyboard(page: Page, council):
    case = missed_bin(
        "Bins-not-emptied-on-Cowley-Road-again-for-the-third-week-running",
        "Ann Example", "ann@example.org", days_ago=5,
    )  # fmt: skip
    page.goto("/staff/sign-in/")
    sign_in(page, officer(Role.CASEWORKER, "Sam Okafor", case.team.slug))
    page.goto(f"/staff/queues/?queue={case.team.slug}")
    page.set_viewport_size({"width": 320, "height": 800})

    region = page.get_by_role("region", name="1 case")
    expect(region).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert region.evaluate("(region) => region.scrollWidth > region.clientWidth")

    region.focus()
    expect(region).to_be_focused()
    assert region.evaluate("(region) => getComputedStyle(region).outlineStyle") != "none"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Polled from here: the page's CSP forbids the eval that wait_for_function's string needs.
    for _ in range(50):
        if region.evaluate("(region) => region.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert region.evaluate("(region) => region.scrollLeft") > 0
    assert page.evaluate("window.scrollX") == 0
