"""An Arabic page mirrors in a real browser: breadcrumbs, columns, the summary list and the back
link's arrow run right to left, the language switcher stays at the right, and a phone number
still reads left to right."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.factories import DirectoryServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const box = (selector) => {
    const found = document.querySelector(selector).getBoundingClientRect();
    return {left: found.left, right: found.right};
  };
  const main = document.querySelector("main");
  main.insertAdjacentHTML("afterbegin", '<a id="back" class="govuk-back-link" href="#">Back</a>');
  const arrow = getComputedStyle(document.querySelector("#back"), "::before");
  return {
    container: box(".govuk-width-container"),
    first_crumb: box(".govuk-breadcrumbs__list-item:first-child"),
    last_crumb: box(".govuk-breadcrumbs__list-item:last-child"),
    crumb_chevron: getComputedStyle(
      document.querySelector(".govuk-breadcrumbs__list-item:last-child"), "::before"
    ).transform,
    column: box(".govuk-grid-column-two-thirds"),
    key: box(".govuk-summary-list__key"),
    value: box(".govuk-summary-list__value"),
    switcher: {right: Math.max(...Array.from(
      document.querySelectorAll(".app-language-switcher__item"),
      (item) => item.getBoundingClientRect().right,
    ))},
    back_text: box("#back"),
    arrow_transform: arrow.transform,
    arrow_left: arrow.left,
    arrow_right: arrow.right,
  };
}"""


def measure(tab: Page, path: str, language: str) -> dict:
    tab.goto(f"/language/{language}/?next={path}")
    assert tab.locator("html").get_attribute("lang") == language
    return tab.evaluate(MEASURE)


def test_an_arabic_page_mirrors_the_english_one(page: Page):
    entry = DirectoryServiceFactory(slug="advice-centre", name="Advice centre")
    path = f"/directory/{entry.slug}/"
    en = measure(page, path, "en")
    ar = measure(page, path, "ar")

    # Breadcrumbs: Home is leftmost in English, rightmost in Arabic; the chevron turns round.
    assert en["first_crumb"]["left"] < en["last_crumb"]["left"]
    assert ar["first_crumb"]["left"] > ar["last_crumb"]["left"]
    assert en["crumb_chevron"] != ar["crumb_chevron"]
    # The main column starts at the left edge in English, at the right edge in Arabic.
    assert abs(en["column"]["left"] - en["container"]["left"]) < 20
    assert abs(ar["column"]["right"] - ar["container"]["right"]) < 20
    # The summary list's key is left of its value in English, right of it in Arabic.
    assert en["key"]["right"] <= en["value"]["left"]
    assert ar["key"]["left"] >= ar["value"]["right"]
    # The back link's arrow points the other way and sits on the other side of its text.
    assert en["arrow_transform"] != ar["arrow_transform"]
    assert float(en["arrow_left"].removesuffix("px")) < 10
    assert float(ar["arrow_right"].removesuffix("px")) < 10
    # The language switcher keeps to the right-hand edge in both.
    assert abs(en["switcher"]["right"] - en["container"]["right"]) < 40
    assert abs(ar["switcher"]["right"] - ar["container"]["right"]) < 40


def test_a_phone_number_reads_left_to_right_on_an_arabic_page(page: Page):
    page.goto("/language/ar/?next=/")
    link = page.locator('footer a[href^="tel:"]').first
    number = link.inner_text()
    digits = link.locator("bdi")
    assert digits.get_attribute("dir") == "ltr"
    # Laid out left to right: the first digits are left of the last ones.
    first, last = digits.evaluate(
        """(element) => {
          const range = document.createRange();
          const text = element.firstChild;
          range.setStart(text, 0); range.setEnd(text, 1);
          const first = range.getBoundingClientRect().left;
          range.setStart(text, text.length - 1); range.setEnd(text, text.length);
          return [first, range.getBoundingClientRect().left];
        }"""
    )
    assert number.startswith("0")
    assert first < last
