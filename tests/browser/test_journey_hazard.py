"""Awaab's Law in a real browser, on Christmas Eve 2026 at 21:30: a tenant reports a gas smell on
the housing repair form and is told the national gas emergency number before sending and after,
with the hour by which the council will make the home safe (24 clock hours, RULES.md); an officer
records damp and mould on another repair, of which the council was told by phone the day before,
and concludes its investigation, then records the written summary as given. Axe on every page,
error states included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, CaseKind, Channel, HazardClass
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Service
from opencex.forms.loading import sync_form_definitions
from tests.browser.conftest import assert_accessible
from tests.browser.test_journey_complaint import sign_in
from tests.factories import PropertyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")
CHRISTMAS_EVE_NIGHT = dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON)


@pytest.fixture
def council_catalogue():
    cache.clear()
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    sync_form_definitions()
    yield
    cache.clear()


@pytest.fixture
def staff_page(browser: Browser, live_server) -> Iterator[Page]:
    """A second browser, for the officer, beside the tenant's."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    yield context.new_page()
    context.close()


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


@time_machine.travel(CHRISTMAS_EVE_NIGHT, tick=True)
def test_a_gas_smell_is_told_the_emergency_number_and_the_hour_the_home_will_be_safe(
    page: Page, council_catalogue, smtp_server, run_jobs
):
    home = PropertyFactory(address_line_1="4 Pegasus Road", postcode="OX4 6DS")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/forms/report-housing-repair/")
    expect(page.locator("main")).to_contain_text("0800 111 999")  # warned from the start
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()

    continue_(page)  # no answer: the error state
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select yes if you can smell gas in or near your home"
    )
    assert_accessible(page)
    page.get_by_label("Yes").check()
    continue_(page)

    # The warning comes at once, on the very next page.
    expect(page.locator("#gas-emergency")).to_contain_text("0800 111 999")
    assert_accessible(page)
    page.get_by_label("Search by postcode").fill("OX4 6DS")
    page.get_by_role("button", name="Find address").click()
    page.get_by_label("Select an address").select_option(home.uprn)
    continue_(page)
    page.get_by_label("Heating or hot water").check()
    continue_(page)
    page.get_by_label("Describe the problem").fill("A smell of gas by the boiler.")
    continue_(page)
    page.get_by_label("There is a danger to someone's health or safety now").check()
    continue_(page)
    page.get_by_label("Any time on a weekday").check()
    continue_(page)
    page.get_by_label("Full name").fill("Amira Haddad")
    page.get_by_label("Email address").fill("amira@example.org")
    continue_(page)

    # Before sending: the number again.
    expect(page.locator("#gas-emergency")).to_contain_text("0800 111 999")
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()

    # After sending: the number, and the hour by which the home is made safe.
    case = Case.objects.get()
    assert case.hazard_class == HazardClass.EMERGENCY
    # 24 clock hours from sending (the clock ticks on from 21:30 while the tenant types).
    assert case.due_at.replace(second=0, microsecond=0) == dt.datetime(
        2026, 12, 25, 21, 30, tzinfo=LONDON
    )
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    expect(page.locator("#gas-emergency")).to_contain_text("0800 111 999")
    expect(page.locator("main")).to_contain_text("by 9:30pm on Friday 25 December 2026")
    assert_accessible(page)
    run_jobs()
    email = smtp_server.messages[-1]
    assert email["To"] == "amira@example.org"
    assert "9:30pm on Friday 25 December 2026" in email.get_content()


@time_machine.travel(CHRISTMAS_EVE_NIGHT, tick=True)
def test_an_officer_records_damp_and_mould_known_since_a_call_and_concludes_the_investigation(
    staff_page: Page, council_catalogue, smtp_server, run_jobs
):
    service = Service.objects.get(slug="report-housing-repair")
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Repair: a leak at 4 Pegasus Road",
        description="Water comes through the bedroom ceiling and there is black mould.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        service=service,
    )
    officer = UserFactory(role=Role.CASEWORKER, full_name="Priya Shah", teams=[case.team])
    sign_in(staff_page, officer, f"/staff/cases/{case.reference}/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(case.subject)
    assert_accessible(staff_page)

    # The tenant rang about the mould the afternoon before: first, a slip of the day.
    hazard = staff_page.locator("#action-hazard")
    hazard.get_by_text("Record a hazard", exact=True).click()
    hazard.get_by_label("Significant hazard, such as damp and mould").check()
    hazard.get_by_label("A phone call").check()
    hazard.get_by_label("Day", exact=True).fill("25")
    hazard.get_by_label("Time", exact=True).fill("16:45")
    hazard.get_by_role("button", name="Record and tell the tenant").click()
    expect(staff_page.locator(".govuk-error-summary")).to_contain_text(
        "The council cannot have become aware in the future."
    )
    assert_accessible(staff_page)
    hazard.get_by_label("Day", exact=True).fill("23")
    hazard.get_by_role("button", name="Record and tell the tenant").click()
    expect(staff_page.locator(".govuk-notification-banner")).to_contain_text("Hazard recorded")
    expect(staff_page.locator("main")).to_contain_text("Monday 11 January 2027")
    assert_accessible(staff_page)
    case.refresh_from_db()
    assert case.became_aware_at == dt.datetime(2026, 12, 23, 16, 45, tzinfo=LONDON)
    assert case.due_on == dt.date(2027, 1, 11)  # 10 working days from the call

    # The investigation concludes today and finds a significant hazard.
    investigation = staff_page.locator("#action-investigation")
    investigation.get_by_text("Investigation concluded", exact=True).click()
    investigation.get_by_label("Yes").check()
    investigation.get_by_role("button", name="Record and tell the tenant").click()
    expect(staff_page.locator(".govuk-notification-banner")).to_contain_text(
        "Investigation recorded"
    )
    assert_accessible(staff_page)
    case.refresh_from_db()
    assert case.investigation_concluded_on == dt.date(2026, 12, 24)
    assert case.due_on == dt.date(2027, 1, 5)  # safety work within 5 working days
    run_jobs()
    letter = smtp_server.messages[-1]
    assert letter["To"] == "ann@example.org"
    assert "Tuesday 5 January 2027" in letter.get_content()

    # The written summary goes by letter the same day: the step shows done, and axe is clean.
    summary = staff_page.locator("#action-summary")
    summary.get_by_text("Written summary given", exact=True).click()
    summary.get_by_label("By letter").check()
    summary.get_by_role("button", name="Record the summary").click()
    expect(staff_page.locator(".govuk-notification-banner")).to_contain_text(
        "Written summary recorded"
    )
    expect(staff_page.locator("#hazard-step-summary")).to_contain_text("done on 24 December 2026")
    assert_accessible(staff_page)
    case.refresh_from_db()
    assert case.summary_given_on == dt.date(2026, 12, 24)
