"""The accessibility check itself: it must fail on a page that breaks a WCAG rule."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_check_fails_and_names_the_rule_on_an_image_without_alternative_text(page: Page):
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Test</title></head>'
        '<body><main><h1>Test</h1><img src="data:,"></main></body></html>'
    )
    with pytest.raises(AssertionError, match=r"\[critical\] image-alt: Images must have"):
        assert_accessible(page)
