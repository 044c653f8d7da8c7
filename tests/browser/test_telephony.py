"""The telephony page, with figures, a refused row and an upload's error summary, passes axe."""

import pytest
from playwright.sync_api import Page

from opencex.accounts.models import Role
from opencex.telephony.importing import csv_rows, import_calls
from opencex.telephony.models import ImportSource
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HEADER = "interval_start,line,offered,answered,abandoned,answered_in_target,wait_seconds,"


def test_the_telephony_page_is_accessible_with_figures_and_an_error(page: Page):
    from django.utils import timezone

    hour = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    text = (
        f"{HEADER}handling_seconds\n"
        f"{hour:%Y-%m-%d %H:%M},customer-services,40,36,4,30,900,10800\n"
        f"{hour:%Y-%m-%d %H:%M},vulnerable-residents-line,6,5,1,5,50,3000\n"
        f"{hour:%Y-%m-%d} 09:30,customer-services,1,1,0,1,5,100\n"
    )
    import_calls(actor=None, rows=csv_rows(text), source=ImportSource.CSV, file_name="a.csv")
    manager = UserFactory(role=Role.TEAM_MANAGER)
    page.goto("/staff/sign-in/?next=/staff/telephony/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/telephony/")
    assert page.get_by_role("heading", name="Vulnerable residents line").is_visible()
    # Each table is drawn as a chart named by its title and summary, above the same figures.
    chart = page.get_by_role("img", name="Calls by line")
    assert chart.is_visible()
    assert "Most calls: Customer Services (60 s)" in page.inner_text("#calls-by-line-chart-summary")
    assert page.get_by_role("table", name="Calls by line: the figures").is_visible()
    assert page.get_by_role("link", name="Download calls by line (Excel, XLSX)").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import the file").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "Select a CSV file of hourly call figures" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
