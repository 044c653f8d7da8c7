"""A manager reads equality and reach for the last whole quarter in a real browser: axe-clean
with its tables and with the period's error; small numbers say "fewer than 5"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from opencex.staff.equality.forms import whole_periods
from tests.browser.conftest import assert_accessible
from tests.equality.conftest import resident_answering
from tests.factories import TEST_PASSWORD, CaseFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_reads_reach_with_small_numbers_hidden(page: Page):
    manager = UserFactory(role=Role.TEAM_MANAGER)
    # The page offers whole quarters that have ended: the cases are in the latest of them.
    chosen, _words, quarter = whole_periods(timezone.localdate())[0]
    received_at = timezone.make_aware(dt.datetime.combine(quarter.start, dt.time(11)))
    for _ in range(6):
        CaseFactory(resident=resident_answering(sex="female"), received_at=received_at)
    CaseFactory(
        resident=resident_answering(sex="male"), channel=Channel.PHONE, received_at=received_at
    )
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto(f"/staff/reports/equality/?period={chosen}")
    expect(
        page.get_by_role("heading", name="Residents by channel: Sex", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("region").first).to_be_visible()
    assert page.get_by_text("fewer than 5").count() > 0
    # The chart of the same figures draws a count kept back as "not shown", not as a number.
    expect(page.get_by_role("img", name="Residents by channel: Sex Most residents")).to_be_visible()
    expect(page.locator("#reach-sex-chart-summary")).to_contain_text("Not shown")
    assert_accessible(page)

    page.goto("/staff/reports/equality/?period=custom")  # dates of one's own are not offered
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
