"""Journey 1 of JOURNEYS.md, end to end on a phone: search "bin not emptied", the service page
with its 2-working-day standard, the form, the reference and expected date, the email, an officer
closes it, the resident is told and rates it. Real catalogue, real mail server, real browser,
axe on every page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.models import Case, Status
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.feedback.models import Rating
from opencex.forms.loading import sync_form_definitions
from tests.browser.conftest import assert_accessible
from tests.factories import PropertyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEEDBACK_LINK = re.compile(r"http://\S+(/track/\S+/feedback)")


@pytest.fixture
def council_catalogue():
    cache.clear()
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    sync_form_definitions()
    yield
    cache.clear()


def test_a_missed_bin_from_search_to_rating(page: Page, council_catalogue, smtp_server, run_jobs):
    home = PropertyFactory(address_line_1="12 Cowley Road", postcode="OX4 1HR")
    page.set_viewport_size({"width": 320, "height": 640})

    # Find the service in one search, in the resident's own words.
    page.goto("/")
    expect(page.get_by_role("link", name="Report a missed bin collection")).to_be_visible()
    assert_accessible(page)  # the home page with the council's top tasks
    page.get_by_role("searchbox").first.fill("bin not emptied")
    page.get_by_role("button", name="Search").first.click()
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="Report a missed bin collection").first.click()

    # The service page says how long it takes.
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a missed bin collection")
    expect(page.locator("main")).to_contain_text("2 working days")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Start now").click()

    page.get_by_label("Search by postcode").fill("OX4 1HR")
    page.get_by_role("button", name="Find address").click()
    page.get_by_label("Select an address").select_option(home.uprn)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Recycling (blue bin)").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # nothing else to add
    page.get_by_label("Full name").fill("Ann Example")
    page.get_by_label("Email address").fill("ann@example.org")
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()

    # The reference and the expected date, on the page and by email.
    case = Case.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    due = case.due_on
    expect(page.get_by_text(f"{due:%A} {due.day} {due:%B %Y}")).to_be_visible()
    assert_accessible(page)
    run_jobs()
    received = smtp_server.messages[-1]
    assert received["To"] == "ann@example.org"
    assert case.reference in received["Subject"]

    # An officer in the owning team fixes it and closes it; the resident is told.
    officer = UserFactory(role=Role.CASEWORKER, teams=[case.team])
    change_status(actor=officer, case=case, to=Status.RESOLVED)
    close_case(actor=officer, case=case, outcome="We collected your recycling.")
    run_jobs()
    closed = smtp_server.messages[-1].get_content()
    feedback_path = FEEDBACK_LINK.search(closed).group(1)

    # The resident follows the link in the email and rates the service.
    page.goto(feedback_path)
    page.get_by_label("Email address you gave us").fill("ann@example.org")
    page.get_by_role("button", name="Find my request").click()
    assert_accessible(page)
    page.get_by_label("Very satisfied").check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    assert_accessible(page)
    rating = Rating.objects.get()
    assert (rating.case, rating.service, rating.score, rating.channel) == (
        case,
        case.service,
        5,
        "web",
    )
