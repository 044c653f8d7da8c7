"""The signed-in site crawled in a real browser (issue #13): a resident with an account, and an
officer of every staff role, each visiting every page their navigation links to, a case, and a
form sent empty (the error state). On every page: axe's WCAG 2.2 AA rules, reflow at 320 CSS pixels
and at 200% zoom, the link to the accessibility statement; across all pages: no two pages share a
<title>. One browser, one tab per visitor."""

from __future__ import annotations

import time
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import STAFF_ROLES
from tests.browser.page_checks import check_page
from tests.browser.role_days_world import load_council, missed_bin, officer
from tests.housing.conftest import make_tenant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages that are not ours to draw: Django's admin (its own stylesheet; axe-checked in
# test_admin_pages.py) is visited for the statement link and its title only.
NOT_OURS = ("/staff/admin/",)


def signed_in_tab(browser: Browser, live_server, user) -> Page:
    """A tab signed in as `user` (the session made by Django's test client, as an officer's or a
    resident's sign-in would make it: the sign-in pages have their own browser tests)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    host = urlsplit(live_server.url).hostname
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    return context.new_page()


class Crawl:
    """The pages visited, the problems found and the titles seen (title → (path, content))."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.titles: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.visited = 0
        self.checked: set[str] = set()

    def check(self, page: Page, *, again: bool = False) -> None:
        """Check the page; a path another visitor's crawl has checked has only its statement
        link and title read again, unless `again` (the page differs by who looks)."""
        parts = urlsplit(page.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        full = not parts.path.startswith(NOT_OURS) and (again or path not in self.checked)
        self.problems += check_page(page, axe=full, reflow=full)
        self.checked.add(path)
        self.titles[page.title()].add((path, hash(page.locator("main").inner_text())))
        self.visited += 1

    def visit(self, page: Page, url: str, *, again: bool = False) -> None:
        page.goto(url)
        self.check(page, again=again)

    def shared_titles(self) -> dict[str, list[str]]:
        """Titles that different pages share: different paths whose main content differs (two
        addresses showing the same page, such as two missing pages, may share one)."""
        shared = {}
        for title, pages in self.titles.items():
            paths = {path for path, _content in pages}
            if len(paths) > 1 and len({content for _path, content in pages}) > 1:
                shared[title] = sorted(paths)
        return shared


def links(page: Page, selector: str) -> list[str]:
    """The site's own pages linked from `selector`, each once, in page order."""
    hrefs = page.locator(selector).evaluate_all("(links) => links.map((link) => link.href)")
    seen = []
    for href in hrefs:
        parts = urlsplit(href)
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.netloc == urlsplit(page.url).netloc and url not in seen:
            seen.append(url)
    return seen


def test_every_staff_role_and_a_resident_meet_accessible_pages_that_reflow(
    browser: Browser, live_server
):
    started = time.monotonic()
    load_council()
    resident, _tenancy = make_tenant()  # a council tenant, so the tenants' portal is in the crawl
    case = missed_bin(
        "Bin not emptied", resident.full_name, resident.email, days_ago=1,
        resident=resident.resident,
    )  # fmt: skip
    crawl = Crawl()

    for role in sorted(STAFF_ROLES):
        person = officer(role, f"Officer {role}", case.team.slug)
        page = signed_in_tab(browser, live_server, person)
        crawl.visit(page, "/staff/", again=True)
        home_links = links(page, ".moj-primary-navigation a, main a")
        for url in home_links:
            if url != "/staff/" and not url.startswith("/staff/sign-out"):
                crawl.visit(page, url)
        crawl.visit(page, f"/staff/cases/{case.reference}/")
        # The error state: a form for a resident sent empty.
        page.goto("/staff/forms/")
        page.locator("main a", has_text="Report a missed bin").first.click()
        page.get_by_role("button", name="Start now").first.click()
        page.get_by_role("button", name="Continue").first.click()
        expect(page.locator(".govuk-error-summary")).to_be_focused()
        crawl.check(page, again=role == min(STAFF_ROLES))
        page.context.close()

    page = signed_in_tab(browser, live_server, resident)
    crawl.visit(page, "/", again=True)
    for url in links(page, ".govuk-service-navigation a, main a, footer a"):
        if not url.startswith(("/account/sign-out", "/feedback/")):
            crawl.visit(page, url)
    for start in ("/account/requests/", "/housing/"):
        page.goto(start)
        for url in links(page, "main a"):
            if url.startswith(("/track/", "/housing/", "/account/")) and "sign-out" not in url:
                crawl.visit(page, url)
    crawl.visit(page, "/account/payments/")
    crawl.visit(page, "/search?q=bins")
    crawl.visit(page, "/no-such-page/")
    page.goto("/forms/report-missed-bin/")
    page.get_by_role("button", name="Start now").first.click()
    page.get_by_role("button", name="Continue").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    crawl.check(page)
    page.context.close()

    seconds = time.monotonic() - started
    print("\n".join(crawl.problems))
    print(crawl.shared_titles())
    print(f"\nCrawled {crawl.visited} pages, {len(STAFF_ROLES)} roles and a tenant, {seconds:.0f}s")
    assert not crawl.problems, "\n".join(crawl.problems)
    assert not crawl.shared_titles(), crawl.shared_titles()
