"""Bin collection day in a real browser on a phone: from the service page's start button, a
postcode in lower case, the address, the next collections, then reminders by email confirmed by
the emailed link, the evening's reminder by real SMTP and its link that stops them. axe on every
page."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import Page, expect

from opencex.bincollections import reminders
from opencex.catalogue.models import Channel
from tests.browser.conftest import assert_accessible
from tests.factories import PropertyFactory, ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LONDON = ZoneInfo("Europe/London")


def link(body: str, part: str) -> str:
    return re.search(r"http://\S+(/bin-collections/reminders/" + part + r"/\S+/)", body).group(1)


def test_bin_day_and_reminders_from_the_service_page(page: Page, smtp_server, run_jobs):
    cache.clear()
    ServiceFactory(
        slug="check-bin-collection-day",
        title="Check your bin collection day",
        channels=[Channel.ONLINE, Channel.PHONE],
    )
    home = PropertyFactory(address_line_1="12 Cowley Road", postcode="OX4 1HR")
    PropertyFactory(address_line_1="14 Cowley Road", postcode="OX4 1HR")
    page.set_viewport_size({"width": 320, "height": 640})
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=LONDON), tick=True):
        page.goto("/services/check-bin-collection-day/")
        page.locator("main a[data-online-route]").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Find your bin collection day")
        assert_accessible(page)

        page.get_by_role("button", name="Find address").click()  # nothing entered
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a postcode")
        assert_accessible(page)
        page.get_by_label("Postcode").fill("ox41hr")
        page.get_by_role("button", name="Find address").click()

        page.get_by_label("12 Cowley Road, Oxford OX4 1HR").check()
        assert_accessible(page)
        page.get_by_role("button", name="Continue").click()

        main = page.locator("main")
        expect(main).to_contain_text("Thursday 4 June 2026")
        expect(main).to_contain_text("Rubbish (green bin)")
        assert_accessible(page)
        page.get_by_role("button", name="Get reminders").click()

        page.get_by_label("Email", exact=True).check()
        page.get_by_label("Email address").fill("ann@example.org")
        assert_accessible(page)
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
        run_jobs()

    confirm = link(smtp_server.messages[-1].get_content(), "confirm")
    page.goto(confirm)
    page.get_by_role("button", name="Start reminders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reminders have started")

    with time_machine.travel(datetime(2026, 6, 3, 18, tzinfo=LONDON), tick=True):
        assert reminders.send_bin_reminders().sent == 1
        run_jobs()
    reminder = smtp_server.messages[-1]
    assert reminder["Subject"] == "Bin collection tomorrow: Thursday 4 June 2026"
    page.goto(link(reminder.get_content(), "stop"))
    assert_accessible(page)
    page.get_by_role("button", name="Stop reminders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reminders have stopped")
    assert not home.bin_reminders.exists()
