"""A team manager finds colleagues in the staff directory and reads the reports for dates they
choose, in a real browser: axe-clean in every state, the date error included, with a CSV download,
and the reports still usable without JavaScript. Journey 8: this month's demand by channel, the
overdue cases and FOI answered in time, narrowed to one service area."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Channel, Status
from tests.browser.conftest import assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    CaseFactory,
    ContactFactory,
    RatingFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, user) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _london(day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, day, 11))


@pytest.fixture
def manager():
    """A team manager, a council tax team and a week of demand in March 2026."""
    tax = TeamFactory(slug="council-tax", name="Council Tax")
    ServiceFactory(team=tax, title="Ask a question about your council tax bill")
    UserFactory(
        full_name="Aisha Khan",
        role=Role.CASEWORKER,
        job_title="Revenues Officer",
        teams=[tax],
        work_phone="01632 960101",
        office="St Aldate's Chambers",
        responsibilities="Council tax discounts and exemptions.",
    )
    CaseFactory.create_batch(3, received_at=_london(3), channel=Channel.WEB)
    ContactFactory(at=_london(4), channel=Channel.PHONE)
    RatingFactory(score=4, created_at=_london(5))
    return UserFactory(full_name="Helen Price", role=Role.TEAM_MANAGER, teams=[tax])


def _choose_dates(page: Page, start: tuple[str, str, str], end: tuple[str, str, str]) -> None:
    page.get_by_label("Dates you choose").check()
    for legend, parts in (("From", start), ("To", end)):
        group = page.get_by_role("group", name=legend)
        for label, value in zip(("Day", "Month", "Year"), parts, strict=True):
            group.get_by_label(label).fill(value)
    page.get_by_role("button", name="Show reports").click()


def test_a_manager_finds_a_colleague_and_reads_the_reports_for_chosen_dates(page: Page, manager):
    _sign_in(page, manager)

    # The staff directory: what someone handles, then a name.
    page.get_by_role("link", name="Staff directory").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff directory")
    assert_accessible(page)
    page.get_by_label("Name, job or what they handle").fill("council tax")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("Aisha Khan")
    assert_accessible(page)
    page.get_by_label("Name, job or what they handle").fill("Aisha Khan")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Aisha Khan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aisha Khan")
    expect(page.get_by_text("01632 960101")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Council Tax").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Council Tax")
    assert_accessible(page)

    # The reports: a date that does not exist, then the week of 2 March 2026.
    page.get_by_role("link", name="Reports").click()
    expect(page.locator("[aria-current=page]")).to_have_text("Reports")
    assert_accessible(page)
    _choose_dates(page, ("31", "2", "2026"), ("8", "3", "2026"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The start date must be a real date")
    expect(page).to_have_title(re.compile(r"^Error: Reports\W"))
    assert_accessible(page)
    summary.get_by_role("link", name="The start date must be a real date").click()
    expect(page.get_by_role("group", name="From").get_by_label("Day")).to_be_focused()

    _choose_dates(page, ("2", "3", "2026"), ("8", "3", "2026"))
    expect(page.get_by_text("Figures for 2 March 2026 to 8 March 2026 (7 days).")).to_be_visible()
    demand = page.get_by_role("table", name="Demand by channel")
    expect(demand.get_by_role("row", name="Website")).to_contain_text("3")
    expect(page.get_by_role("table", name="Satisfaction")).to_contain_text("4.00")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download demand by channel (CSV)").click()
    assert download.value.suggested_filename == "demand-by-channel-2026-03-02-to-2026-03-08.csv"
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[1] == ["Website", "3", "0", "3"]
    assert rows[-1] == ["All channels", "3", "1", "4"]


def test_a_manager_sees_this_months_demand_overdue_cases_and_foi_in_time(page: Page, manager):
    now, today = timezone.now(), timezone.localdate()
    tax = TeamFactory(slug="council-tax")
    CaseFactory.create_batch(2, received_at=now, channel=Channel.PHONE)
    CaseFactory(
        received_at=now - dt.timedelta(days=40), due_on=today - dt.timedelta(days=2), team=tax,
        status=Status.IN_PROGRESS,
    )  # fmt: skip
    for due in (today, today, today - dt.timedelta(days=1)):  # the last one answered late
        CaseFactory(
            kind=CaseKind.FOI, received_at=now - dt.timedelta(days=40), responded_on=today,
            due_on=due, status=Status.RESPONDED, team=tax,
        )  # fmt: skip
    _sign_in(page, manager)

    page.get_by_role("link", name="Reports").click()
    page.get_by_label("This month").check()
    page.get_by_role("button", name="Show reports").click()

    expect(page.get_by_text("FOI answered in time this period: 66.7% (2 of 3)")).to_be_visible()
    demand = page.get_by_role("table", name="Demand by channel")
    expect(demand.get_by_role("row", name="Phone")).to_contain_text("2")
    overdue = page.get_by_role("table", name="Overdue now")
    expect(overdue.get_by_role("row", name="Service request Council Tax")).to_contain_text("1")
    requests = page.get_by_role("table", name="Information requests answered in time")
    expect(requests.get_by_role("row", name="FOI All service areas")).to_contain_text("66.7%")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role(
            "link", name="Download information requests answered in time (CSV)"
        ).click()
    first = today.replace(day=1).isoformat()
    assert download.value.suggested_filename == (
        f"information-requests-{first}-to-{today.isoformat()}.csv"
    )
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    foi = next(row for row in rows if row[:2] == ["FOI", "All service areas"])
    assert foi[3:6] == ["3", "2", "66.7"]

    # One service area: the casework tables narrow to its services.
    page.get_by_label("Service area").select_option(label=tax.service_area.name)
    page.get_by_role("button", name="Show reports").click()
    expect(requests.get_by_role("row").last).to_contain_text(
        f"All services in {tax.service_area.name}"
    )
    assert_accessible(page)

    # A service area that does not exist (an old link) is explained, axe-clean.
    page.goto("/staff/reports/?period=this-month&service_area=gone")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select a service area from the list")
    assert_accessible(page)


def test_the_reports_work_without_javascript(browser: Browser, live_server, manager):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        _sign_in(page, manager)
        page.goto("/staff/reports/")
        # Without the script the dates are always shown, so they can be filled in.
        expect(page.get_by_role("group", name="From")).to_be_visible()
        _choose_dates(page, ("2", "3", "2026"), ("8", "3", "2026"))
        expect(page.get_by_role("table", name="Demand by channel")).to_contain_text("Website")
    finally:
        context.close()


@pytest.mark.parametrize("page_name", ["changelist", "change"])
def test_the_staff_directory_admin_pages_are_accessible(page: Page, manager, page_name):
    administrator = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    colleague = manager  # a team manager in the council tax team
    path = reverse(
        f"admin:accounts_user_{page_name}", args=[colleague.pk] if page_name == "change" else []
    )
    page.goto(f"/staff/sign-in/?next={path}")
    page.get_by_label("Email address").fill(administrator.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{path}")
    if page_name == "change":
        expect(page.get_by_label("Responsibilities")).to_be_visible()
    assert_accessible(page)
