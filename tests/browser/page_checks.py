"""What every page must do wherever the crawl meets it: reflow at 320 CSS pixels and at 1280 pixels
zoomed to 200% (no page-level horizontal scrolling; each table in a focusable, named region), link
to the accessibility statement, and pass axe. Used by tests/browser/test_site_crawl.py and
test_reflow.py."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible

# 320 CSS pixels (WCAG 1.4.10), and a 1280-pixel screen at 200% zoom, which is 640 CSS pixels.
NARROW_VIEWPORTS = ({"width": 320, "height": 800}, {"width": 640, "height": 400})
DESKTOP = {"width": 1024, "height": 768}
STATEMENT = "/accessibility/"

# What sticks out sideways: the page's own scroll, elements beyond the right edge (visually hidden
# text aside, and anything inside a table's own region), and tables outside a region.
MEASURE_REFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const sticking_out = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(".app-table-region") && !element.matches(".app-table-region")) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden
    if (box.right > width + 1 || box.left < -1) {
      sticking_out.push(element.outerHTML.slice(0, 150));
    }
  }
  const region = '.app-table-region[role="region"][tabindex="0"][aria-label]:not([aria-label=""])';
  const loose_tables = [...document.querySelectorAll("table")]
    .filter((table) => !table.parentElement.matches(region))
    .map((table) => table.outerHTML.slice(0, 150));
  return {overflow: root.scrollWidth - width, sticking_out: sticking_out.slice(0, 5), loose_tables};
}"""


def reflow_problems(page: Page) -> list[str]:
    """What does not reflow on the page as it is now, at each narrow viewport; the page is left at
    the desktop size."""
    problems = []
    for viewport in NARROW_VIEWPORTS:
        page.set_viewport_size(viewport)
        found = page.evaluate(MEASURE_REFLOW)
        where = f"{page.url} at {viewport['width']}px"
        if found["overflow"] > 0:
            problems.append(f"{where}: the page scrolls sideways by {found['overflow']}px")
        problems += [f"{where}: sticks out: {html}" for html in found["sticking_out"]]
        problems += [f"{where}: table not in a region: {html}" for html in found["loose_tables"]]
    page.set_viewport_size(DESKTOP)
    return problems


def check_page(page: Page, *, axe: bool = True, reflow: bool = True) -> list[str]:
    """Every check on the page as it is now: the problems found (axe fails at once)."""
    problems = reflow_problems(page) if reflow else []
    if not page.locator(f'footer a[href="{STATEMENT}"], #footer a[href="{STATEMENT}"]').count():
        problems.append(f"{page.url}: no link to the accessibility statement")
    if axe:
        assert_accessible(page)
    return problems
