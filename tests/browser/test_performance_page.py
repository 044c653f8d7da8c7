"""The public performance page in a real browser, in English and in Arabic: axe's WCAG 2.2 AA
rules pass, and the trend tables scroll in their own regions."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Status
from opencex.insight.granularity import Granularity, last_complete
from opencex.insight.measures import MIN_DENOMINATOR
from opencex.insight.targets import set_target
from tests.browser.conftest import assert_accessible
from tests.factories import CaseFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_cached_measures():
    # Measures of ended periods are cached for some minutes; each test counts its own records.
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_performance_page_passes_axe(page: Page, language):
    month = last_complete(Granularity.MONTH, timezone.localdate())
    # Enough requests that the page shows the rate rather than "Too few to report".
    CaseFactory.create_batch(
        MIN_DENOMINATOR,
        kind=CaseKind.FOI,
        responded_on=month.start,
        due_on=month.end,
        status=Status.RESPONDED,
    )
    set_target(
        actor=UserFactory(role=Role.TEAM_MANAGER, password=None),
        measure_key="foi-in-time",
        granularity=Granularity.MONTH,
        applies_from=month.start,
        value="90",
        reason="Corporate plan",
    )
    page.goto(f"/language/{language}/?next=/performance/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator('[data-measure="foi-in-time"]')).to_contain_text("100")
    assert_accessible(page)
