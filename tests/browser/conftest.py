"""Real headless Chromium driving the site served by pytest-django's live server."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an asyncio event loop in this thread; the ORM calls made by the
# tests themselves (factories) are still synchronous, so Django must not refuse them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path("/tmp")  # noqa: S108 - screenshots are for a person to look at, not kept


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Install Debian's package with "
            "`apt-get update && apt-get install -y chromium` (.ci/run does this).",
            pytrace=False,
        )
    # Package scope: the event loop stops when the browser tests end, before other packages run.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _cookies_without_expiry_dates(settings):
    """Session and CSRF cookies last as long as the browser, not until a date: a test that pins
    the server's clock to another day must not find its cookies already expired by Chromium's
    own (real) clock."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A fresh browser tab on the live server.

    The test fails if a script throws or logs an error, or if a stylesheet, script or other
    resource the page needs is missing (the page itself may be an error page, such as a 404).
    """
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console error: {message.text}")
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    tab.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} for {response.url}")
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )
    yield tab
    context.close()
    assert not problems, f"The page had problems: {problems}"


def format_violations(violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) found by axe:"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - at {json.dumps(node['target'])}")
            lines.append(f"    {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"    {summary_line}")
    return "\n".join(lines)


# axe reads every stylesheet, and copies one that @imports another (the admin's forms.css) into a
# <style> element of its own, which the policy would refuse. For the length of the run, the
# <style> elements axe makes carry the page's nonce; the page's own are untouched.
AXE_RUN_WITH_THE_PAGES_NONCE = """async (tags) => {
  const nonce = document.querySelector("script[nonce], style[nonce]")?.nonce;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (name, ...rest) {
    const element = createElement.call(this, name, ...rest);
    if (nonce && String(name).toLowerCase() === "style") element.nonce = nonce;
    return element;
  };
  try {
    return await axe.run(document, {runOnly: {type: "tag", values: tags}});
  } finally {
    Document.prototype.createElement = createElement;
  }
}"""


def assert_accessible(page: Page) -> None:
    """Run axe-core's WCAG 2.2 A and AA rules on the page as it is now; fail on any violation."""
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does not
    # govern: a <script> tag added to the page would be refused, as any injected script should be.
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(AXE_RUN_WITH_THE_PAGES_NONCE, WCAG_TAGS)
    violations = result["violations"]
    assert not violations, format_violations(violations)
