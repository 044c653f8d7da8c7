"""In real Chromium, a citizen page and a staff page run their scripts and styles under the
Content Security Policy and the browser reports no violation; a script injected without the
nonce is refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import Role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed before any page script runs (through DevTools, which the policy does not govern).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""

INJECT_A_SCRIPT_WITHOUT_THE_NONCE = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true";
  document.body.append(script);
}"""


def assert_page_works_under_the_policy(page: Page, console: list[str]) -> None:
    # The inline scripts ran: GOV.UK's `govuk-frontend-supported` class, and initAll.
    expect(page.locator("body.govuk-frontend-supported")).to_have_count(1)
    expect(page.locator("[data-govuk-skip-link-init]")).to_have_count(1)
    # The inline <style> ran: the council's brand colour is set on :root.
    brand = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--govuk-brand-colour')"
    )
    assert brand.strip().startswith("#")
    assert page.evaluate("window.cspViolations") == []
    assert [line for line in console if "Content Security Policy" in line] == []


def test_citizen_and_staff_pages_run_under_the_policy_with_no_violation(
    browser: Browser, live_server
):
    officer = UserFactory(role=Role.CASEWORKER, full_name="Sam Okafor")
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"script error: {error}"))
    try:
        page.goto("/")
        assert_page_works_under_the_policy(page, console)

        page.goto("/staff/sign-in/?next=/staff/queues/")
        page.get_by_label("Email address").fill(officer.email)
        page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/staff/queues/")
        assert_page_works_under_the_policy(page, console)
        # No script failed (MOJ Frontend's import included) and nothing else was refused.
        assert [line for line in console if line.startswith(("error", "script error"))] == []

        # The checks above can fail: a script without the nonce is refused and reported.
        page.evaluate(INJECT_A_SCRIPT_WITHOUT_THE_NONCE)
        page.wait_for_function("window.cspViolations.length > 0")
        assert page.evaluate("window.injected") is None
        assert page.evaluate("window.cspViolations") == ["script-src-elem blocked inline"]
    finally:
        context.close()
